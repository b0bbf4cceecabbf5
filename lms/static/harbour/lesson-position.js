// Keeps the learner's place in a lesson (templates/courses/lesson_page.html): the block they
// are reading is sent to lms:lesson-position a moment after it comes into view, and when the
// page is hidden, so "Resume where you stopped" leads back to it. Nothing else depends on it:
// without JavaScript the lesson works the same, only the place is not kept.
(function () {
  "use strict";
  var article = document.querySelector("[data-position-url]");
  if (!article || !("IntersectionObserver" in window) || !window.fetch) {
    return;
  }
  var url = article.getAttribute("data-position-url");
  var token = article.getAttribute("data-csrf");
  var saved = article.getAttribute("data-position") || "";
  var pending = "";
  var timer = null;

  function send() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    var position = pending;
    if (!position || position === saved) {
      return;
    }
    var body = new URLSearchParams();
    body.set("position", position);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: true,
      headers: { "X-CSRFToken": token, Accept: "application/json" },
    }).then(function (response) {
      if (response.ok) {
        saved = position;
        article.setAttribute("data-position", position);
      }
    }, function () {});
  }

  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          pending = entry.target.id;
          if (!timer) {
            timer = setTimeout(send, 1500);
          }
        }
      });
    },
    // A block counts as read once it reaches the upper part of the window.
    { rootMargin: "0px 0px -50% 0px" }
  );
  article.querySelectorAll(".block[id]").forEach(function (block) {
    observer.observe(block);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      send();
    }
  });
})();
