// Solves an ALTCHA proof-of-work challenge off the page's thread: finds the number n (0 ≤ n ≤ max)
// whose SHA-256 of salt + n, in hex, is the challenge. Asked with {challenge, salt, max}; answers
// {number} (-1 when no number up to max fits, {error} when the browser cannot hash).

const BATCH = 256;

function hexBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

function same(buffer, target) {
  const bytes = new Uint8Array(buffer);
  if (bytes.length !== target.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== target[i]) return false;
  return true;
}

self.onmessage = async (message) => {
  const { challenge, salt, max } = message.data;
  try {
    const target = hexBytes(String(challenge).toLowerCase());
    const encoder = new TextEncoder();
    for (let start = 0; start <= max; start += BATCH) {
      const end = Math.min(max, start + BATCH - 1);
      const digests = [];
      for (let n = start; n <= end; n++) digests.push(crypto.subtle.digest("SHA-256", encoder.encode(salt + n)));
      const results = await Promise.all(digests);
      for (let k = 0; k < results.length; k++) {
        if (same(results[k], target)) {
          self.postMessage({ number: start + k });
          return;
        }
      }
    }
    self.postMessage({ number: -1 });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
