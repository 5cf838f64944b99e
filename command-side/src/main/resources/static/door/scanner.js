const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);

// French by default; English when asked with ?lang=en, remembered by the site, or preferred by the
// browser (the same choice as the site's pages).
const MESSAGES = {
  fr: {
    title: 'Contrôle des billets',
    intro: 'Scannez le QR code (caméra, ou douchette USB qui tape le code dans le champ) : la signature est vérifiée sur place avec la clé publique du spectacle, puis le billet est admis une seule fois par le serveur.',
    event: 'Spectacle (id)', door: 'Porte', code: 'Code du billet', check: 'Contrôler',
    camera: 'Scanner avec la caméra', waiting: "En attente d'un billet…",
    signIn: 'Se connecter avec un compte de contrôle',
    notDoor: 'Ce compte ({role}) ne contrôle pas les billets. ', signOut: 'Se déconnecter', signedIn: 'Connecté : ',
    offline: 'Signature (hors ligne) : ', valid: 'valide', invalid: 'invalide', unchecked: 'non vérifiable par ce navigateur', 'other-event': "clé d'un autre spectacle",
    unknownEvent: 'Spectacle inconnu', keysUnavailable: 'Clés du spectacle indisponibles', eventKey: 'Clé du spectacle : ',
    ADMITTED: 'Entrée autorisée', ALREADY_ADMITTED: 'Déjà entré le {date} à {time} par {door}',
    REVOKED: 'Billet annulé', SUPERSEDED: 'Billet remplacé par une réédition',
    OTHER_EVENT: "Billet d'un autre spectacle", INVALID: 'Billet invalide', error: 'Erreur',
    noCamera: 'Caméra : ce navigateur ne lit pas les QR codes',
    seat: '{area}, rang {row}, place {number}', standing: '{area} (place debout n° {number})',
    navLabel: 'Navigation principale', home: 'Guichet : programme', switchTo: 'English', switchLabel: 'Read this page in English'
  },
  en: {
    title: 'Ticket check',
    intro: 'Scan the QR code (camera, or a USB scanner that types the code into the field): the signature is checked here with the event public key, then the server admits the ticket once only.',
    event: 'Event (id)', door: 'Door', code: 'Ticket code', check: 'Check',
    camera: 'Scan with the camera', waiting: 'Waiting for a ticket…',
    signIn: 'Sign in with a door staff account',
    notDoor: 'This account ({role}) does not check tickets. ', signOut: 'Sign out', signedIn: 'Signed in: ',
    offline: 'Signature (offline): ', valid: 'valid', invalid: 'invalid', unchecked: 'cannot be checked by this browser', 'other-event': "another event's key",
    unknownEvent: 'Unknown event', keysUnavailable: "The event's keys are unavailable", eventKey: "Event's key: ",
    ADMITTED: 'Admitted', ALREADY_ADMITTED: 'Already admitted on {date} at {time} through {door}',
    REVOKED: 'Ticket cancelled', SUPERSEDED: 'Ticket replaced by a reissue',
    OTHER_EVENT: 'Ticket for another event', INVALID: 'Invalid ticket', error: 'Error',
    noCamera: 'Camera: this browser cannot read QR codes',
    seat: '{area}, row {row}, seat {number}', standing: '{area} (standing place no. {number})',
    navLabel: 'Main navigation', home: "Guichet: what's on", switchTo: 'Français', switchLabel: 'Lire cette page en français'
  }
};
function pickLanguage() {
  const asked = params.get('lang');
  if (asked === 'fr' || asked === 'en') {
    localStorage.setItem('guichet.lang', asked);
    return asked;
  }
  const remembered = localStorage.getItem('guichet.lang');
  if (remembered === 'fr' || remembered === 'en') return remembered;
  for (const tag of navigator.languages || [navigator.language || '']) {
    const base = String(tag).toLowerCase().slice(0, 2);
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}
const lang = pickLanguage();
const T = MESSAGES[lang];
const say = (key, values = {}) => T[key].replace(/\{(\w+)\}/g, (m, name) => values[name] ?? m);
document.documentElement.lang = lang;
for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = T[node.dataset.i18n];
for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', T[node.dataset.i18nLabel]);
// The site's catalog in the page's language, and the same page in the other language.
{
  const other = lang === 'fr' ? 'en' : 'fr';
  const switchUrl = new URL(location.href);
  switchUrl.searchParams.set('lang', other);
  const sw = $('lang-switch');
  sw.href = switchUrl.pathname + switchUrl.search;
  sw.lang = other;
  sw.hreflang = other;
  sw.textContent = T.switchTo;
  sw.setAttribute('aria-label', T.switchLabel);
  if (params.has('lang')) $('home-link').href = '/?lang=' + lang;
}
if (params.get('event')) $('eventId').value = params.get('event');
let keys = {};
// Who scans: the DOOR account signed in on this browser's session (sign in on the site's
// /account.html); the check-in request echoes the CSRF token of the XSRF-TOKEN cookie.
let session = { signedIn: false };

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : (session.csrf && session.csrf.token) || null;
}

function signInHref() {
  return '/account.html?next=' + encodeURIComponent(location.pathname + location.search);
}

async function readSession() {
  try {
    const response = await fetch('/api/auth/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    session = response.ok ? await response.json() : { signedIn: false };
  } catch (e) {
    session = { signedIn: false };
  }
  const area = $('account');
  area.replaceChildren();
  if (!session.signedIn || session.role !== 'DOOR') {
    const link = document.createElement('a');
    link.id = 'sign-in-link';
    link.href = signInHref();
    link.textContent = say('signIn');
    area.append(session.signedIn ? say('notDoor', { role: session.role }) : '', link);
    $('check').disabled = true;
    return false;
  }
  const out = document.createElement('button');
  out.type = 'button';
  out.id = 'sign-out';
  out.textContent = say('signOut');
  out.addEventListener('click', async () => {
    await fetch('/api/auth/session/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() || '' } });
    location.reload();
  });
  area.append(say('signedIn') + (session.login || session.accountId) + ' ', out);
  return true;
}

function fromB64url(s) {
  s = s.trim().replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4) s += '=';
  return Uint8Array.from(atob(s), c => c.charCodeAt(0));
}
const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');

// The keys of the event being scanned: its own Ed25519 key (each event has one) and the former
// platform keys of tickets issued before per-event keys. A ticket of another event never verifies.
let keysFor = null;
let eventTag = null;

async function loadKeys() {
  const eventId = $('eventId').value.trim();
  keys = {};
  keysFor = null;
  eventTag = null;
  if (!eventId) return;
  const response = await fetch('/api/events/' + encodeURIComponent(eventId) + '/ticket-key', { credentials: 'same-origin' });
  if (!response.ok) {
    $('offline').textContent = response.status === 404 ? say('unknownEvent') : say('keysUnavailable');
    return;
  }
  const published = await response.json();
  for (const k of published.keys) {
    try {
      keys[k.keyId] = { scope: k.scope, key: await crypto.subtle.importKey('spki', fromB64url(k.publicKey.replace(/\+/g, '-').replace(/\//g, '_')),
        { name: 'Ed25519' }, false, ['verify']) };
    } catch (e) { keys[k.keyId] = { scope: k.scope, key: null }; }
  }
  eventTag = published.eventTag;
  keysFor = eventId;
  $('keys').textContent = say('eventKey') + published.keys.filter(k => k.scope === 'EVENT').map(k => k.keyId).join(', ');
}

/** Offline check: layout version|keyId(4)|eventTag(8)|number(2)|issue(2)|len|orderId|signature(64). */
async function verifyOffline(code) {
  let b;
  try { b = fromB64url(code); } catch (e) { return 'invalid'; }
  if (b.length < 18 + 64 || b[0] !== 1) return 'invalid';
  const len = b[17];
  if (b.length !== 18 + len + 64) return 'invalid';
  if (keysFor !== $('eventId').value.trim()) await loadKeys();
  const id = hex(b.slice(1, 5));
  const known = keys[id];
  if (!known || (known.scope !== 'PLATFORM_RETIRED' && hex(b.slice(5, 13)) !== eventTag)) {
    return eventTag && hex(b.slice(5, 13)) !== eventTag ? 'other-event' : 'invalid';
  }
  if (known.key === null) return 'unchecked';
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, known.key, b.slice(18 + len), b.slice(0, 18 + len));
  return ok ? 'valid' : 'invalid';
}

/** The server's verdict in the page's language: when and where a ticket was already admitted. */
function verdict(r) {
  let text = r.message;
  if (r.status in T) {
    const at = r.firstAdmittedAt ? new Date(r.firstAdmittedAt) : null;
    const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
    text = say(r.status, {
      date: at ? at.toLocaleDateString(locale) : '',
      time: at ? at.toLocaleTimeString(locale) : '',
      door: r.firstDoor || ''
    });
  }
  return text + (r.placeId ? ' — ' + placeText(r) + ' — ' + (r.holderName || '') : '');
}

/** The place as the seating plan names it ("Orchestre, rang A, place 5"), else its id. */
function placeText(r) {
  const p = r.place;
  if (!p) return r.placeId;
  return say(p.row == null ? 'standing' : 'seat', { area: p.area, row: p.row, number: p.number });
}

function show(ok, text) {
  $('verdict').className = ok ? 'ok' : 'ko';
  $('verdict').textContent = text;
}

async function check() {
  const code = $('code').value.trim();
  if (!code) return;
  const offline = await verifyOffline(code);
  $('offline').textContent = say('offline') + say(offline);
  if (offline === 'invalid') { show(false, say('INVALID')); $('code').value = ''; return; }
  if (offline === 'other-event') { show(false, say('OTHER_EVENT')); $('code').value = ''; return; }
  const response = await fetch('/api/events/' + encodeURIComponent($('eventId').value) + '/check-ins', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() || '' },
    credentials: 'same-origin',
    body: JSON.stringify({ code, door: $('door').value })
  });
  const r = await response.json();
  if (!response.ok) { show(false, r.detail || say('error')); return; }
  show(r.admitted, verdict(r));
  $('code').value = '';
  $('code').focus();
}

$('check').addEventListener('click', check);
$('code').addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); check(); } });
$('camera').addEventListener('click', async () => {
  if (!('BarcodeDetector' in window)) { show(false, say('noCamera')); return; }
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const video = $('video');
  video.hidden = false; video.srcObject = stream; await video.play();
  let last = '';
  setInterval(async () => {
    const found = await detector.detect(video);
    if (found.length && found[0].rawValue !== last) {
      last = found[0].rawValue;
      $('code').value = last;
      check();
    }
  }, 400);
});
$('eventId').addEventListener('change', () => { if (session.signedIn && session.role === 'DOOR') loadKeys(); });
readSession().then((doorStaff) => {
  if (doorStaff) loadKeys();
});
