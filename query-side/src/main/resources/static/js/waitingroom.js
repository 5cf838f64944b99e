// The buyer's side of an event's virtual waiting room (docs/onsale.md, "For the visitor"): while
// the room is on, the event page shows the room instead of letting the visitor hold; a signed-in
// visitor joins the queue (solving the proof-of-work challenge in a worker when it is on), follows
// their place live, and once admitted holds with the admission token (X-Admission-Token) and, when
// the challenge is on, a fresh "hold" solution (X-Altcha) for every hold or waiting-list join.
import { currentActorId, signInHref } from "./auth.js";
import { ApiError, get, post, serverNow } from "./api.js";
import { lang, localHref, t } from "./i18n.js";
import { announce, errorMessage, showMessage } from "./shell.js";

const $ = (id) => document.getElementById(id);
const STORE_PREFIX = "guichet.admission.";
const ANNOUNCE_EVERY_MS = 30000; // position changes are said at most this often
const REFRESH_BEFORE_MS = 15000; // a token this close to its end is renewed before a hold
const hourMinute = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** The base64 of a string's UTF-8 bytes (the ALTCHA payload is base64 JSON). */
function base64(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The number that solves {@code challenge}, found by a worker so that the page stays responsive. */
function work(challenge) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker("/js/pow-worker.js");
    } catch (error) {
      reject(error);
      return;
    }
    worker.onmessage = (message) => {
      worker.terminate();
      if (message.data.error || message.data.number < 0) reject(new Error(message.data.error || "unsolved"));
      else resolve(message.data.number);
    };
    worker.onerror = (error) => {
      worker.terminate();
      reject(error);
    };
    worker.postMessage({ challenge: challenge.challenge, salt: challenge.salt, max: challenge.maxnumber });
  });
}

/**
 * A fresh proof-of-work solution for {@code purpose} ("join" or "hold"), ready for X-Altcha. A
 * browser that cannot solve it rejects with an ApiError whose code is challenge-unsolved.
 */
export async function solveChallenge(eventId, purpose) {
  const challenge = await get(`/api/events/${encodeURIComponent(eventId)}/challenge?purpose=${purpose}`);
  let number;
  try {
    number = await work(challenge);
  } catch (error) {
    throw new ApiError(0, { code: "challenge-unsolved", detail: String(error && error.message) });
  }
  return base64(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number,
      salt: challenge.salt,
      signature: challenge.signature,
    })
  );
}

function waitText(seconds) {
  if (seconds === null || seconds === undefined) return "";
  if (seconds < 60) return t("waitroom.waitUnderMinute");
  return t("waitroom.waitMinutes", { min: Math.round(seconds / 60) });
}

export class WaitingRoom {
  /** {@code onChange}: called when the visitor may or may no longer hold. */
  constructor(eventId, { onChange = () => {} } = {}) {
    this.eventId = eventId;
    this.onChange = onChange;
    this.settings = null; // the room's settings; null or enabled=false: no room
    this.view = null; // the visitor's place, as GET …/visitors/me answers
    this.admission = null; // {token, tokenExpiresAt, admissionEndsAt} (milliseconds)
    this.stream = null;
    this.pollTimer = null;
    this.clockTimer = null;
    this.streamFailed = false;
    this.lastSaid = { text: null, at: 0 };
    this.base = `/api/events/${encodeURIComponent(eventId)}/waiting-room`;
    $("waitroom-join").addEventListener("click", () => this.join());
  }

  /** Whether the room is on. */
  get on() {
    return this.settings !== null && this.settings.enabled === true;
  }

  /** Whether holding is refused on this page: the room is on and the visitor is not admitted. */
  get locked() {
    return this.on && !this.admitted();
  }

  admitted() {
    return this.admission !== null && this.admission.admissionEndsAt > serverNow();
  }

  /** Reads the room's state; if it is on, shows the room and resumes the visitor's place. */
  async start() {
    this.stopFollowing();
    clearInterval(this.clockTimer);
    this.admission = null;
    this.view = null;
    try {
      const room = await get(this.base);
      this.settings = room.settings;
    } catch (error) {
      this.settings = null; // no room we can read: the holds say if one is needed
    }
    if (!this.on) return;
    $("waitroom").hidden = false;
    $("booking-locked").hidden = false;
    const actor = currentActorId();
    if (!actor) {
      this.render();
      return;
    }
    const stored = this.restore(actor);
    if (stored) {
      this.admit(stored, false);
      return;
    }
    await this.refresh();
  }

  // ---- The place -----------------------------------------------------------------------------

  /** Asks the room where the visitor stands and shows it. */
  async refresh() {
    try {
      this.show(await get(`${this.base}/visitors/me`));
    } catch (error) {
      showMessage($("waitroom-message"), errorMessage(error), "error");
      this.render();
    }
  }

  async join() {
    if (!currentActorId()) return;
    const button = $("waitroom-join");
    button.disabled = true;
    const message = $("waitroom-message");
    try {
      const headers = {};
      if (this.settings.challengeRequired) {
        showMessage(message, t("waitroom.solving"), "info");
        headers["X-Altcha"] = await solveChallenge(this.eventId, "join");
      }
      showMessage(message, t("waitroom.joining"), "info");
      const view = await post(`${this.base}/visitors`, undefined, { headers });
      showMessage(message, "");
      this.show(view);
      $("waitroom").focus();
    } catch (error) {
      showMessage(message, errorMessage(error), "error");
    } finally {
      button.disabled = false;
    }
  }

  /** Shows the visitor's place and follows it while they wait. */
  show(view) {
    this.view = view;
    if (view.state === "ADMITTED" && view.admissionToken) {
      this.admit(
        {
          token: view.admissionToken,
          tokenExpiresAt: Date.parse(view.tokenExpiresAt),
          admissionEndsAt: Date.parse(view.admissionEndsAt),
        },
        true
      );
      return;
    }
    if (view.state === "ADMISSION_ENDED" || view.state === "NOT_QUEUED") this.drop();
    this.render();
    if (view.state === "QUEUED" || view.state === "PRE_QUEUED") this.follow();
    else this.stopFollowing();
  }

  /** Live updates: the server-sent stream, or polling at the room's pace if the stream fails. */
  follow() {
    if (this.stream || this.pollTimer) return;
    if (!this.streamFailed && typeof EventSource !== "undefined") {
      const stream = new EventSource(`${this.base}/visitors/me/updates`);
      this.stream = stream;
      const onView = (e) => {
        const view = JSON.parse(e.data);
        if (view.state !== "QUEUED" && view.state !== "PRE_QUEUED") this.stopFollowing();
        this.show(view);
      };
      for (const state of ["NOT_QUEUED", "PRE_QUEUED", "QUEUED", "ADMITTED", "ADMISSION_ENDED"]) {
        stream.addEventListener(state, onView);
      }
      stream.addEventListener("error", () => {
        stream.close();
        if (this.stream !== stream) return;
        this.stream = null;
        this.streamFailed = true;
        this.poll();
      });
      return;
    }
    this.poll();
  }

  poll() {
    clearTimeout(this.pollTimer);
    const seconds = (this.view && this.view.pollAfterSeconds) || 5;
    this.pollTimer = setTimeout(async () => {
      this.pollTimer = null;
      await this.refresh();
    }, Math.max(1, seconds) * 1000);
  }

  stopFollowing() {
    if (this.stream) {
      const stream = this.stream;
      this.stream = null;
      stream.close();
    }
    clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  // ---- Admission -------------------------------------------------------------------------------

  admit(admission, fresh) {
    const was = this.admitted();
    this.admission = admission;
    this.stopFollowing();
    this.store();
    this.render();
    clearInterval(this.clockTimer);
    this.clockTimer = setInterval(() => this.renderAdmitted(), 15000);
    if (!was) {
      if (fresh) announce(t("waitroom.yourTurn"));
      this.onChange();
    }
  }

  /** The admission is over (or was refused): back to the queue's door. */
  drop() {
    const was = this.admitted();
    this.admission = null;
    clearInterval(this.clockTimer);
    try {
      sessionStorage.removeItem(STORE_PREFIX + this.eventId);
    } catch (e) {
      // storage refused: nothing kept
    }
    if (was) this.onChange();
  }

  store() {
    try {
      sessionStorage.setItem(STORE_PREFIX + this.eventId, JSON.stringify({ actor: currentActorId(), ...this.admission }));
    } catch (e) {
      // storage refused: the token lives in memory only
    }
  }

  restore(actor) {
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORE_PREFIX + this.eventId) || "null");
      if (stored && stored.actor === actor && stored.tokenExpiresAt > serverNow() + REFRESH_BEFORE_MS) {
        return { token: stored.token, tokenExpiresAt: stored.tokenExpiresAt, admissionEndsAt: stored.admissionEndsAt };
      }
    } catch (e) {
      // nothing usable stored
    }
    return null;
  }

  /** A fresh token from the place (during the admission window); false when admission is over. */
  async renewToken() {
    const view = await get(`${this.base}/visitors/me`);
    this.show(view);
    return this.admitted();
  }

  /**
   * Sends a guarded request (a hold, a waiting-list join): {@code send(headers)} with the admission
   * token and, when the challenge is on, a fresh hold solution. An expired token is renewed and the
   * request sent once more; another admission refusal ends the admission on this page.
   * {@code status(message)} says what is going on (the proof of work takes a moment; null: done).
   */
  async guarded(send, status = () => {}) {
    if (!this.on) return send({});
    if (!this.admitted()) throw new ApiError(403, { code: "admission-required", detail: t("waitroom.needAdmission") });
    if (this.admission.tokenExpiresAt < serverNow() + REFRESH_BEFORE_MS && !(await this.renewToken())) {
      throw new ApiError(403, { code: "admission-ended", detail: t("waitroom.ended") });
    }
    for (let attempt = 0; ; attempt++) {
      const headers = { "X-Admission-Token": this.admission.token };
      if (this.settings.challengeRequired) {
        status(t("waitroom.solving"));
        headers["X-Altcha"] = await solveChallenge(this.eventId, "hold");
        status(null);
      }
      try {
        return await send(headers);
      } catch (error) {
        if (!(error instanceof ApiError) || !error.code || !error.code.startsWith("admission-")) throw error;
        if (error.code === "admission-expired" && attempt === 0 && (await this.renewToken())) continue;
        // Refused for good on this page (expired again, forged, another event or account): join again.
        this.drop();
        this.view = { state: "ADMISSION_ENDED" };
        this.render();
        throw error;
      }
    }
  }

  // ---- Rendering -------------------------------------------------------------------------------

  say(text, force) {
    const now = Date.now();
    if (text === this.lastSaid.text) return;
    if (!force && now - this.lastSaid.at < ANNOUNCE_EVERY_MS) return;
    this.lastSaid = { text, at: now };
    announce(text);
  }

  render() {
    if (!this.on) return;
    const intro = $("waitroom-intro");
    const status = $("waitroom-status");
    const wait = $("waitroom-wait");
    const join = $("waitroom-join");
    const signIn = $("waitroom-sign-in");
    const opensAt = this.settings.opensAt ? Date.parse(this.settings.opensAt) : null;
    const beforeOpening = opensAt !== null && opensAt > serverNow();
    const state = this.admitted() ? "ADMITTED" : (this.view && this.view.state) || "NOT_QUEUED";
    $("waitroom").dataset.state = state;
    $("booking-locked").hidden = state === "ADMITTED";
    signIn.hidden = true;
    join.hidden = true;
    wait.textContent = "";
    if (state === "ADMITTED") {
      $("waitroom-title").textContent = t("waitroom.yourTurnTitle");
      intro.textContent = t("waitroom.admittedIntro");
      this.renderAdmitted();
      return;
    }
    $("waitroom-title").textContent = t("waitroom.title");
    if (state === "QUEUED") {
      intro.textContent = t("waitroom.queuedIntro");
      const text = t("waitroom.position", { position: this.view.position, ahead: Math.max(0, this.view.position - 1) });
      status.textContent = text;
      wait.textContent = this.view.estimatedWaitSeconds !== null ? t("waitroom.wait", { wait: waitText(this.view.estimatedWaitSeconds) }) : "";
      this.say(`${text} ${wait.textContent}`, false);
    } else if (state === "PRE_QUEUED") {
      intro.textContent = t("waitroom.queuedIntro");
      const time = hourMinute.format(new Date(this.view.opensAt ? Date.parse(this.view.opensAt) : opensAt || serverNow()));
      status.textContent = t("waitroom.preQueued", { time });
      this.say(status.textContent, true);
    } else {
      intro.textContent = beforeOpening
        ? t("waitroom.opensAt", { time: hourMinute.format(new Date(opensAt)) })
        : t("waitroom.open");
      status.textContent = state === "ADMISSION_ENDED" ? t("waitroom.ended") : "";
      if (state === "ADMISSION_ENDED") this.say(status.textContent, true);
      if (currentActorId()) {
        join.hidden = false;
        join.textContent = state === "ADMISSION_ENDED" ? t("waitroom.joinAgain") : t("waitroom.join");
      } else {
        signIn.hidden = false;
        signIn.href = localHref(signInHref());
      }
    }
  }

  renderAdmitted() {
    if (!this.admission) return;
    const left = this.admission.admissionEndsAt - serverNow();
    if (left <= 0) {
      clearInterval(this.clockTimer);
      this.refresh();
      return;
    }
    $("waitroom-status").textContent = t("waitroom.admitted", {
      time: hourMinute.format(new Date(this.admission.admissionEndsAt)),
      min: Math.max(1, Math.ceil(left / 60000)),
    });
  }
}
