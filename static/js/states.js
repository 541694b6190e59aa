// The states list: after htmx replaces the results, say the new count in the polite live
// region that stays on the page (a region swapped in with the results is not announced).
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var status = document.getElementById("results-status");
    var results = document.getElementById("results");
    if (!status || !results) {
      return;
    }
    var count = results.querySelector(".count, [role=alert]");
    status.textContent = count ? count.textContent.trim() : "";
  });
})();
