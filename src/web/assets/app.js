// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Confirm before a destructive or sensitive action (data-confirm on the form).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Focus the error summary so screen-reader and keyboard users land on it.
  var summary = document.getElementById('erreurs');
  if (summary) summary.focus();
  // Proof of work for public sign-up forms (see antibot.service.ts): find a
  // nonce whose SHA-256 with the challenge starts with N zero bits.
  var challengeInput = document.querySelector('input[data-pow-bits]');
  if (challengeInput && window.crypto && window.crypto.subtle && window.TextEncoder) {
    var bits = parseInt(challengeInput.getAttribute('data-pow-bits') || '0', 10);
    var proofInput = challengeInput.form && challengeInput.form.querySelector('input[name="preuve"]');
    var encoder = new TextEncoder();
    var zeroBits = function (bytes) {
      var n = 0;
      for (var i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0) {
          n += 8;
          continue;
        }
        n += Math.clz32(bytes[i]) - 24;
        break;
      }
      return n;
    };
    var attempt = function (nonce) {
      var batch = [];
      for (var j = 0; j < 256; j++) batch.push(nonce + j);
      return Promise.all(
        batch.map(function (k) {
          return window.crypto.subtle
            .digest('SHA-256', encoder.encode(challengeInput.value + ':' + k))
            .then(function (h) {
              return zeroBits(new Uint8Array(h)) >= bits ? k : -1;
            });
        }),
      ).then(function (found) {
        for (var f = 0; f < found.length; f++) if (found[f] >= 0) return found[f];
        return attempt(nonce + 256);
      });
    };
    if (proofInput)
      attempt(0).then(function (k) {
        proofInput.value = String(k);
      });
  }
  // Keep the session alive while a form is being filled in (a helpline call can outlast the idle
  // limit): from the first keystroke in a form that posts, tell the server every four minutes (the
  // shortest idle limit is five) until the page is left. Without this script, a form sent after the
  // session expired is kept through the sign-in instead (auth.held-forms.ts).
  var keepAlive = document.querySelector('meta[name="vigie-keep-alive"]');
  if (keepAlive && window.fetch) {
    var keepAliveTimer = null;
    document.addEventListener('input', function (event) {
      var form = event.target && event.target.form;
      if (keepAliveTimer || !form || (form.getAttribute('method') || '').toLowerCase() !== 'post') return;
      var token = form.querySelector('input[name="_csrf"]');
      if (!token) return;
      keepAliveTimer = window.setInterval(
        function () {
          window.fetch(keepAlive.getAttribute('content'), {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'x-csrf-token': token.value },
          });
        },
        4 * 60 * 1000,
      );
    });
  }
  // On a phone the menu is one row that scrolls sideways: bring the current page's link into view.
  var current = document.querySelector('.main-nav [aria-current="page"]');
  if (current) {
    var row = current.closest('ul');
    if (row && row.scrollWidth > row.clientWidth)
      row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }
  // Print button on the agenda.
  var print = document.querySelector('[data-print]');
  if (print) {
    print.removeAttribute('hidden');
    print.addEventListener('click', function () {
      window.print();
    });
  }
})();
