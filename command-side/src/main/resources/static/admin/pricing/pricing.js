/* Admin page for pricing rules: versions, DRL editor, validation, trial basket, publish, diff, rollback. */
(function () {
  "use strict";
  var API = "/api/pricing/rules";
  // French unless English is asked for (?lang=en, remembered by the site) or preferred by the
  // browser: the same choice as the site's pages.
  var lang = (function () {
    var asked = new URLSearchParams(location.search).get("lang");
    if (asked === "fr" || asked === "en") { localStorage.setItem("guichet.lang", asked); return asked; }
    var remembered = localStorage.getItem("guichet.lang");
    if (remembered === "fr" || remembered === "en") return remembered;
    var tags = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < tags.length; i++) {
      var base = String(tags[i]).toLowerCase().slice(0, 2);
      if (base === "fr" || base === "en") return base;
    }
    return "fr";
  })();
  var T = {
    fr: {
      inForce: "en vigueur", by: "par", load: "Modifier à partir de celle-ci", rollback: "Revenir à cette version",
      rollbackComment: "Pourquoi revenir à la version {v} ?", draftFrom: "Brouillon à partir de la version {v}",
      newFileName: "Nom du nouveau fichier (ex. promotions.drl)", valid: "Les règles compilent ({n} règles, {ms} ms).",
      invalid: "Les règles ne compilent pas :", published: "Version {v} publiée.", needComment: "Écrivez un commentaire avant de publier.",
      needSignIn: "Connectez-vous avec un compte de la billetterie pour modifier les règles de prix.",
      wrongRole: "Ce compte ({role}) ne peut pas modifier les règles de prix : connectez-vous avec un compte de la billetterie.",
      signIn: "Se connecter", signOut: "Se déconnecter", signedInAs: "Connecté : {login}", ticket: "Billet", tier: "Palier", base: "Plein tarif",
      rules: "Règles", discount: "Réduction", price: "Prix", total: "Total", cannotPrice: "Impossible de tarifer :",
      rolledBack: "Retour à la version {v} publié comme version {n}.", diffTitle: "Différences de la version {a} à la version {b}",
      unchanged: "(inchangé)", removed: "(fichier supprimé)", added: "(fichier ajouté)", remove: "retirer", error: "Erreur"
    },
    en: {
      title: "Pricing rules", versions: "Published versions", diff: "Compare two versions",
      navLabel: "Main navigation", home: "What's on", boxOffice: "Box office",
      compare: "Compare", addFile: "+ file", validate: "Validate", commentPlaceholder: "Why this change?",
      publish: "Publish", trial: "Try on a basket", minutes: "Minutes after sales opened",
      categories: "Categories and tiers (JSON)", category: "Category", rate: "Rate", quantity: "Quantity",
      proof: "Student proof", subscription: "Subscription no.", addLine: "+ line", try: "Try", close: "Close",
      inForce: "in force", by: "by", load: "Edit from this one", rollback: "Roll back to this version",
      rollbackComment: "Why roll back to version {v}?", draftFrom: "Draft based on version {v}",
      newFileName: "New file name (e.g. promotions.drl)", valid: "The rules compile ({n} rules, {ms} ms).",
      invalid: "The rules do not compile:", published: "Version {v} published.", needComment: "Write a comment before publishing.",
      needSignIn: "Sign in with a box-office account to edit the pricing rules.",
      wrongRole: "This account ({role}) cannot edit the pricing rules: sign in with a box-office account.",
      signIn: "Sign in", signOut: "Sign out", signedInAs: "Signed in: {login}", ticket: "Ticket", tier: "Tier", base: "Full price", rules: "Rules",
      discount: "Discount", price: "Price", total: "Total", cannotPrice: "Cannot price:",
      rolledBack: "Rollback to version {v} published as version {n}.", diffTitle: "Changes from version {a} to version {b}",
      unchanged: "(unchanged)", removed: "(file removed)", added: "(file added)", remove: "remove", error: "Error"
    }
  };
  function t(key, values) {
    var text = (T[lang] && T[lang][key]) || T.fr[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; } else if (k === "onclick") { e.onclick = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function euros(cents) { return (cents / 100).toFixed(2).replace(".", lang === "fr" ? "," : ".") + " €"; }

  if (lang === "en") {
    document.documentElement.lang = "en";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (n) { n.placeholder = t(n.getAttribute("data-i18n-placeholder")); });
    $("lang-switch").textContent = "Français"; $("lang-switch").href = "?lang=fr";
    $("site-nav").setAttribute("aria-label", t("navLabel"));
    document.title = "Guichet — pricing rules";
  }

  // Who edits: the account signed in on this browser's session (the sign-in page is the site's
  // /account.html); unsafe requests echo the CSRF token of the XSRF-TOKEN cookie.
  var session = { signedIn: false };
  var READERS = ["MANAGER", "DIRECTOR", "AUDITOR"];

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : (session.csrf && session.csrf.token) || null;
  }

  function call(method, url, body) {
    if (!session.signedIn) { return Promise.reject(new Error(t("needSignIn"))); }
    var options = { method: method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    var token = csrfToken();
    if (token) { options.headers["X-XSRF-TOKEN"] = token; }
    if (body !== undefined) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch(url, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
        if (!response.ok) { var e = new Error((data && data.detail) || response.statusText); e.problem = data; throw e; }
        return data;
      });
    });
  }

  function signInHref() {
    return "/account.html?next=" + encodeURIComponent(location.pathname + location.search) + (lang === "en" ? "&lang=en" : "");
  }

  function showAccount() {
    var area = $("account");
    area.innerHTML = "";
    if (!session.signedIn) {
      area.appendChild(el("a", { id: "sign-in-link", href: signInHref(), text: t("signIn") }));
      return;
    }
    var out = el("button", { id: "sign-out", type: "button", text: t("signOut") });
    out.onclick = function () {
      out.disabled = true;
      fetch("/api/auth/session/sign-out", { method: "POST", credentials: "same-origin", headers: { "X-XSRF-TOKEN": csrfToken() || "" } })
        .then(function () { location.reload(); }, function () { out.disabled = false; });
    };
    area.appendChild(el("span", { id: "signed-in-as", text: t("signedInAs", { login: session.login || session.accountId }) }));
    area.appendChild(document.createTextNode(" "));
    area.appendChild(out);
  }

  function blocked(text) {
    $("messages").innerHTML = "";
    var p = el("p", { "class": "error", text: text + " " });
    p.appendChild(el("a", { href: signInHref(), text: t("signIn") }));
    $("messages").appendChild(p);
  }

  var editor = CodeMirror($("editor"), { mode: "drl", lineNumbers: true, gutters: ["errors", "CodeMirror-linenumbers"], indentUnit: 2 });
  var files = [];
  var current = 0;
  var versions = [];
  var markedLines = [];

  function saveCurrent() { if (files[current]) { files[current].content = editor.getValue(); } }
  function renderTabs() {
    var tabs = $("tabs"); tabs.innerHTML = "";
    files.forEach(function (f, i) {
      tabs.appendChild(el("button", { "class": i === current ? "active" : "", "data-file": f.name, text: f.name, onclick: function () { show(i); } }));
    });
  }
  function show(i) { saveCurrent(); current = i; editor.setValue(files[i].content); renderTabs(); markErrors(lastErrors); }
  function setDraft(newFiles, origin) {
    files = newFiles.map(function (f) { return { name: f.name, content: f.content }; });
    current = 0; editor.setValue(files.length ? files[0].content : ""); renderTabs();
    $("draft-origin").textContent = origin ? t("draftFrom", { v: origin }) : "";
    lastErrors = []; markErrors([]); $("messages").innerHTML = "";
  }

  var lastErrors = [];
  function markErrors(errors) {
    markedLines.forEach(function (h) { editor.removeLineClass(h, "background", "error-line"); });
    markedLines = []; editor.clearGutter("errors");
    (errors || []).forEach(function (e) {
      if (files[current] && e.file === files[current].name && e.line > 0 && e.line <= editor.lineCount()) {
        var handle = editor.addLineClass(e.line - 1, "background", "error-line");
        markedLines.push(handle);
        editor.setGutterMarker(e.line - 1, "errors", el("span", { "class": "error-marker", title: e.text, text: "●" }));
      }
    });
  }
  function showMessages(ok, errors, warnings, okText) {
    var box = $("messages"); box.innerHTML = "";
    if (ok) { box.appendChild(el("p", { "class": "ok", text: okText })); }
    if (errors && errors.length) {
      box.appendChild(el("p", { "class": "error", text: t("invalid") }));
      var list = el("ul");
      errors.forEach(function (e) {
        list.appendChild(el("li", { "class": "error", "data-line": e.line, text: (e.file || "") + (e.line ? ":" + e.line : "") + " — " + e.text,
          onclick: function () { var i = files.findIndex(function (f) { return f.name === e.file; }); if (i >= 0) { show(i); editor.setCursor({ line: Math.max(0, e.line - 1), ch: 0 }); editor.focus(); } } }));
      });
      box.appendChild(list);
    }
    (warnings || []).forEach(function (w) { box.appendChild(el("p", { "class": "warning", text: (w.file ? w.file + ": " : "") + w.text })); });
    lastErrors = errors || []; markErrors(lastErrors);
  }
  function fail(error) {
    var problem = error.problem;
    if (problem && problem.errors && Array.isArray(problem.errors)) { showMessages(false, problem.errors, [], ""); return; }
    $("messages").innerHTML = ""; $("messages").appendChild(el("p", { "class": "error", text: t("error") + " : " + error.message }));
  }

  function loadVersions() {
    return call("GET", API + "/versions").then(function (list) {
      versions = list;
      var ol = $("versions"); ol.innerHTML = "";
      ["diff-a", "diff-b"].forEach(function (id) { $(id).innerHTML = ""; });
      list.forEach(function (v) {
        var li = el("li", { "data-version": v.version }, [
          el("strong", { text: "v" + v.version + " " }),
          v.inForce ? el("span", { "class": "badge", text: t("inForce") }) : "",
          el("div", { "class": "meta", text: new Date(v.publishedAt).toLocaleString(lang) + " " + t("by") + " " + v.author }),
          el("div", { text: v.comment + (v.republishedVersion ? " (↺ v" + v.republishedVersion + ")" : "") }),
          el("button", { "class": "load", text: t("load"), onclick: function () { loadVersion(v.version); } }),
          v.inForce ? "" : el("button", { "class": "rollback", text: t("rollback"), onclick: function () { rollBack(v.version); } })
        ]);
        ol.appendChild(li);
        $("diff-a").appendChild(el("option", { value: v.version, text: "v" + v.version }));
        $("diff-b").appendChild(el("option", { value: v.version, text: "v" + v.version }));
      });
      if (list.length > 1) { $("diff-a").value = list[1].version; $("diff-b").value = list[0].version; }
      return list;
    });
  }
  function loadVersion(v) {
    return call("GET", API + "/versions/" + v).then(function (detail) { setDraft(detail.files, v); });
  }
  function rollBack(v) {
    var comment = prompt(t("rollbackComment", { v: v }));
    if (!comment) { return; }
    call("POST", API + "/rollback", { toVersion: v, comment: comment }).then(function (r) {
      showMessages(true, [], [], t("rolledBack", { v: v, n: r.version }));
      return loadVersions().then(function () { return loadVersion(r.version); });
    }).catch(fail);
  }

  $("add-file").onclick = function () {
    var name = prompt(t("newFileName"));
    if (!name) { return; }
    saveCurrent();
    files.push({ name: name.trim(), content: "package fr.guichet.pricing.rules;\n\nimport fr.guichet.pricing.facts.*;\n\n" });
    show(files.length - 1);
  };
  $("validate").onclick = function () {
    saveCurrent();
    call("POST", API + "/validation", { files: files }).then(function (r) {
      showMessages(r.valid, r.errors, r.warnings, t("valid", { n: r.rules.length, ms: r.compileMillis }));
    }).catch(fail);
  };

  function sha256(text) {
    if (!window.crypto || !crypto.subtle || !window.TextEncoder) { return Promise.resolve(null); }
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buffer) {
      return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    });
  }
  $("publish").onclick = function () {
    saveCurrent();
    var comment = $("comment").value.trim();
    if (!comment) { showMessages(false, [], [], ""); $("messages").appendChild(el("p", { "class": "error", text: t("needComment") })); return; }
    var all = files.map(function (f) { return f.name + "\u0000" + f.content + "\u0000"; }).join("");
    sha256(all).then(function (hash) {
      return call("POST", API + "/versions", { files: files, comment: comment, contentHash: hash });
    }).then(function (r) {
      $("comment").value = "";
      showMessages(true, [], [], t("published", { v: r.version }));
      $("draft-origin").textContent = t("draftFrom", { v: r.version });
      return loadVersions();
    }).catch(fail);
  };

  var RATES = ["FULL", "STUDENT", "SUBSCRIBER", "GROUP"];
  function addLine(line) {
    line = line || { category: "CAT1", rate: "FULL", quantity: 1 };
    var rate = el("select", { "class": "rate" });
    RATES.forEach(function (r) { rate.appendChild(el("option", { value: r, text: r })); });
    rate.value = line.rate;
    var row = el("tr", {}, [
      el("td", {}, [el("input", { "class": "category", size: 10, value: line.category })]),
      el("td", {}, [rate]),
      el("td", {}, [el("input", { "class": "quantity", type: "number", min: 1, max: 100, value: line.quantity })]),
      el("td", {}, [el("input", { "class": "proof", size: 12, value: line.studentProof || "" })]),
      el("td", {}, [el("input", { "class": "subscription", size: 12, value: line.subscriptionNumber || "" })]),
      el("td", {}, [el("button", { text: t("remove"), onclick: function () { row.remove(); } })])
    ]);
    document.querySelector("#lines tbody").appendChild(row);
  }
  $("add-line").onclick = function () { addLine(); };
  $("categories").value = JSON.stringify([
    { code: "CARRE_OR", name: "Carré Or", tiers: [{ code: "STANDARD", name: "Plein", priceCents: 9000 }, { code: "EARLY", name: "Lève-tôt", priceCents: 7500 }] },
    { code: "CAT1", name: "Catégorie 1", tiers: [{ code: "STANDARD", name: "Plein", priceCents: 5500 }] }
  ], null, 1);
  addLine({ category: "CAT1", rate: "STUDENT", quantity: 1, studentProof: "CARTE-1" });
  addLine({ category: "CAT1", rate: "FULL", quantity: 3 });

  $("try").onclick = function () {
    saveCurrent();
    var categories;
    try { categories = JSON.parse($("categories").value); } catch (e) { fail(e); return; }
    var tickets = Array.from(document.querySelectorAll("#lines tbody tr")).map(function (row) {
      return {
        category: row.querySelector(".category").value.trim(), rate: row.querySelector(".rate").value,
        quantity: parseInt(row.querySelector(".quantity").value, 10) || 1,
        studentProof: row.querySelector(".proof").value.trim() || null,
        subscriptionNumber: row.querySelector(".subscription").value.trim() || null
      };
    });
    call("POST", API + "/trial", { files: files, categories: categories, tickets: tickets, minutesAfterSalesOpened: parseInt($("minutes").value, 10) || 0 })
      .then(renderTrial).catch(fail);
  };
  function renderTrial(r) {
    var box = $("trial-result"); box.innerHTML = "";
    if (r.errors && r.errors.length) { showMessages(false, r.errors, [], ""); return; }
    if (r.pricingError) { box.appendChild(el("p", { "class": "error", text: t("cannotPrice") + " " + r.pricingError })); return; }
    var table = el("table", { id: "trial-table" }, [el("tr", {}, [t("ticket"), t("category"), t("rate"), t("tier"), t("base"), t("rules"), t("discount"), t("price")].map(function (h) { return el("th", { text: h }); }))]);
    r.result.tickets.forEach(function (p) {
      table.appendChild(el("tr", {}, [
        el("td", { text: p.ticketId }), el("td", { text: p.category }), el("td", { text: p.rate }), el("td", { text: p.tier }),
        el("td", { "class": "num", text: euros(p.baseCents) }),
        el("td", {}, [el("div", { text: [p.baseRule].concat(p.appliedRules).join(", ") }), el("div", { "class": "explain", text: p.explanation.join(" ") })]),
        el("td", { "class": "num", text: p.discountPercent ? "-" + p.discountPercent + " % (" + euros(p.discountCents) + ")" : "" }),
        el("td", { "class": "num final", text: euros(p.finalCents) })
      ]));
    });
    table.appendChild(el("tr", {}, [el("th", { colspan: 7, text: t("total") + " (" + r.ruleSet + ")" }), el("th", { "class": "num", id: "trial-total", text: euros(r.result.totalCents) })]));
    box.appendChild(table);
  }

  function lineDiff(a, b) {
    var x = a.split("\n"), y = b.split("\n"), n = x.length, m = y.length, i, j;
    var lcs = [];
    for (i = 0; i <= n; i++) { lcs.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) { for (j = m - 1; j >= 0; j--) { lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]); } }
    var out = []; i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { out.push([" ", x[i]]); i++; j++; } else if (lcs[i + 1][j] >= lcs[i][j + 1]) { out.push(["-", x[i++]]); } else { out.push(["+", y[j++]]); }
    }
    while (i < n) { out.push(["-", x[i++]]); }
    while (j < m) { out.push(["+", y[j++]]); }
    return out;
  }
  $("diff-button").onclick = function () {
    var a = $("diff-a").value, b = $("diff-b").value;
    Promise.all([call("GET", API + "/versions/" + a), call("GET", API + "/versions/" + b)]).then(function (pair) {
      var out = $("diff-output"); out.innerHTML = "";
      $("diff-title").textContent = t("diffTitle", { a: a, b: b });
      var names = [];
      pair[0].files.concat(pair[1].files).forEach(function (f) { if (names.indexOf(f.name) < 0) { names.push(f.name); } });
      names.forEach(function (name) {
        var before = pair[0].files.find(function (f) { return f.name === name; });
        var after = pair[1].files.find(function (f) { return f.name === name; });
        var note = !before ? t("added") : !after ? t("removed") : before.content === after.content ? t("unchanged") : "";
        out.appendChild(el("h3", { text: name + " " + note }));
        if (before && after && before.content === after.content) { return; }
        var block = el("div", { "class": "diff" });
        lineDiff(before ? before.content : "", after ? after.content : "").forEach(function (d, k, all) {
          var near = all.slice(Math.max(0, k - 2), k + 3).some(function (o) { return o[0] !== " "; });
          if (d[0] !== " " || near) { block.appendChild(el("div", { "class": d[0] === "+" ? "add" : d[0] === "-" ? "del" : "", text: d[0] + " " + d[1] })); }
        });
        out.appendChild(block);
      });
      $("diff-view").hidden = false;
      $("diff-view").scrollIntoView();
    }).catch(fail);
  };
  $("diff-close").onclick = function () { $("diff-view").hidden = true; };

  function start() {
    loadVersions().then(function (list) {
      if (list.length) { return loadVersion(list[0].version); }
      return call("GET", API + "/defaults").then(function (d) { setDraft(d, null); });
    }).catch(fail);
  }
  fetch("/api/auth/session", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : { signedIn: false }; })
    .catch(function () { return { signedIn: false }; })
    .then(function (s) {
      session = s;
      showAccount();
      if (!session.signedIn) { blocked(t("needSignIn")); return; }
      if (READERS.indexOf(session.role) < 0) { blocked(t("wrongRole", { role: session.role })); return; }
      start();
    });
})();
