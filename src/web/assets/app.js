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
  // Print button on the agenda.
  var print = document.querySelector('[data-print]');
  if (print) {
    print.removeAttribute('hidden');
    print.addEventListener('click', function () { window.print(); });
  }
})();
