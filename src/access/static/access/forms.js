// Enter on a checkbox or radio button would submit its form (the browser's implicit
// submission): on the sign-in page that skipped the fields below the consent box. Space
// ticks a box; Enter on one does nothing. Submit buttons and text fields keep Enter.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target instanceof HTMLInputElement &&
        (target.type === "checkbox" || target.type === "radio")) {
      event.preventDefault();
    }
  });
})();
