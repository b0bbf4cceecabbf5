// The certificate's Print button (templates/lms/certificate.html): a script file rather than
// an inline handler, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});
