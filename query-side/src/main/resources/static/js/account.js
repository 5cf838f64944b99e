// The account page: sign in, sign up, forgotten password, and the two links the platform e-mails
// (#verify=… confirms an address, #reset=… chooses a new password; the token stays in the
// fragment, which never reaches a server log nor a Referer).
import {
  completePasswordReset,
  currentLogin,
  isSignedIn,
  requestPasswordReset,
  signIn,
  signUp,
  verifyEmail,
} from "./auth.js";
import { lang, localHref, t } from "./i18n.js";
import { announce, showMessage, startPage } from "./shell.js";

startPage("account");
const $ = (id) => document.getElementById(id);
const message = $("account-message");

/** Where to go once signed in: a path on this site only. */
function nextPage() {
  const next = new URLSearchParams(location.search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

function say(text, kind = "info", focus = true) {
  showMessage(message, text, kind);
  if (focus && text) message.focus();
}

function explain(error, fallbackKey = "auth.error.generic") {
  if (error && error.code === "sign-in-locked") {
    return t("auth.error.sign-in-locked", { seconds: error.retryAfter || "?" });
  }
  const key = "auth.error." + (error && error.code);
  const text = t(key);
  if (error && error.code && text !== key) return text;
  if (error && error.status === 429) return t("auth.error.too-many");
  if (error && error.status) return t(fallbackKey, { detail: error.message });
  return t("error.network");
}

function markInvalid(input, invalid) {
  if (invalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

/** Checks required fields and lengths in the browser; focuses the first wrong one. */
function validate(form) {
  let first = null;
  for (const input of form.querySelectorAll("input")) {
    const ok = input.checkValidity();
    markInvalid(input, !ok);
    if (!ok && !first) first = input;
  }
  if (first) {
    say(t(first.type === "email" ? "auth.invalidEmail" : first.minLength > 0 && first.value ? "auth.passwordTooShort" : "auth.required"), "error");
    first.focus();
    return false;
  }
  return true;
}

async function busy(form, work) {
  const buttons = form.querySelectorAll("button");
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute("aria-busy", "true");
  try {
    await work();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form.setAttribute("aria-busy", "false");
  }
}

function showSignedIn() {
  $("signed-in").hidden = false;
  $("account-forms").hidden = true;
  $("signed-in-text").textContent = t("auth.signedInAs", { login: currentLogin() });
  $("continue").href = localHref(nextPage());
}

$("sign-in-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target;
  if (!validate(form)) return;
  busy(form, async () => {
    try {
      await signIn($("sign-in-login").value.trim(), $("sign-in-password").value);
      say(t("auth.signedIn"), "ok", false);
      location.assign(localHref(nextPage()));
    } catch (error) {
      $("sign-in-password").value = "";
      say(explain(error), "error");
    }
  });
});

$("sign-up-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target;
  if (!validate(form)) return;
  busy(form, async () => {
    try {
      await signUp($("sign-up-email").value.trim(), $("sign-up-password").value, lang);
      $("sign-up-password").value = "";
      say(t("auth.checkMailbox"), "ok");
    } catch (error) {
      say(explain(error), "error");
    }
  });
});

$("forgot-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target;
  if (!validate(form)) return;
  busy(form, async () => {
    try {
      await requestPasswordReset($("forgot-email").value.trim(), lang);
      say(t("auth.resetSent"), "ok");
    } catch (error) {
      say(explain(error), "error");
    }
  });
});

$("reset-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target;
  if (!validate(form)) return;
  busy(form, async () => {
    try {
      await completePasswordReset(form.dataset.token, $("reset-password").value);
      $("reset-panel").hidden = true;
      history.replaceState(null, "", location.pathname + location.search);
      say(t("auth.resetDone"), "ok");
      $("sign-in-login").focus();
    } catch (error) {
      say(explain(error), "error");
    }
  });
});

async function followLink() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const verify = fragment.get("verify");
  const reset = fragment.get("reset");
  if (verify) {
    history.replaceState(null, "", location.pathname + location.search);
    say(t("auth.verifying"), "info", false);
    try {
      await verifyEmail(verify);
      say(t("auth.verified"), "ok");
      announce(t("auth.verified"));
    } catch (error) {
      say(explain(error), "error");
    }
  } else if (reset) {
    $("reset-form").dataset.token = reset;
    $("reset-panel").hidden = false;
    $("reset-password").focus();
  }
}

if (isSignedIn() && !location.hash) {
  showSignedIn();
} else {
  followLink();
}
// A mailed link opened in a tab already on this page only changes the fragment.
window.addEventListener("hashchange", followLink);
document.body.dataset.ready = "true";
