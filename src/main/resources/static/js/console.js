// The only script of the console, and an optional one: a "print" button (the page prints with Ctrl+P as well).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-imprimer]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
});
