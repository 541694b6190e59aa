/* The assessment page's outline. No inline script or style: CSP-safe.

   1. On wide screens the outline (a <details>) is open beside the text; on phones it stays
      a closed box at the top of the page.
   2. "Show": all questions, or only those not answered / changed since the last assessment /
      with comments / with suggestions. The filter hides the other questions in the outline
      and on the page (a section with none left is hidden too) and says how many are shown.
   3. "Find in this assessment": questions whose text or finding contains every word typed;
      the words are highlighted (CSS Custom Highlight API, where the browser has it).
   4. "Previous/next question" links skip the questions the filter hides.
   5. After a save (htmx), the outline's line for the question has been replaced out of band:
      the filter is applied again, but the question being edited stays on the page.
   Without JS the outline is a plain list of links. */
(function () {
  "use strict";

  var WIDE = "(min-width: 60.0625rem)";
  var HIGHLIGHT = "outline-find";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matchesFilter(item, filter) {
    if (!filter) { return true; }
    if (filter === "unanswered") { return !item.dataset.answered; }
    return Boolean(item.dataset[filter]);
  }

  /* The text the find box searches: the question and its finding, as shown now. */
  function searchable(article) {
    var parts = all(article, ".question-head h3, .rt-editor, .finding-text:not(.diff-text)");
    return parts.map(function (el) { return el.textContent; }).join(" ").toLowerCase();
  }

  function highlight(articles, wanted) {
    if (!(window.CSS && CSS.highlights && window.Highlight)) { return; }
    CSS.highlights.delete(HIGHLIGHT);
    if (!wanted.length) { return; }
    var ranges = [];
    articles.forEach(function (article) {
      all(article, ".question-head h3, .rt-editor, .finding-text:not(.diff-text)").forEach(function (root) {
        var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var text = node.textContent.toLowerCase();
          wanted.forEach(function (word) {
            for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
              var range = new Range();
              range.setStart(node, at);
              range.setEnd(node, at + word.length);
              ranges.push(range);
            }
          });
        }
      });
    });
    CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
  }

  function init() {
    var outline = document.querySelector("[data-outline]");
    var page = document.querySelector("[data-editor]");
    if (!outline || !page) { return; }
    var tools = outline.querySelector("[data-outline-tools]");
    var find = outline.querySelector("[data-outline-find]");
    var count = outline.querySelector("[data-outline-count]");
    tools.hidden = false;

    var wide = window.matchMedia(WIDE);
    outline.open = wide.matches;
    wide.addEventListener("change", function () { outline.open = wide.matches; });

    function apply() {
      var checked = outline.querySelector("input[name=outline-filter]:checked");
      var filter = checked ? checked.value : "";
      var wanted = words(find.value);
      var items = all(outline, "[data-outline-item]");
      var shown = [];
      items.forEach(function (item) {
        var slot = document.querySelector("[data-question-slot='" + item.dataset.answer + "']");
        var article = slot && slot.querySelector(".question");
        var text = article ? searchable(article) : "";
        var visible = matchesFilter(item, filter) &&
          wanted.every(function (word) { return text.indexOf(word) >= 0; });
        // The question being edited never disappears under the user's hands.
        if (slot && slot.contains(document.activeElement)) { visible = true; }
        item.hidden = !visible;
        if (slot) { slot.hidden = !visible; }
        if (visible && article) { shown.push(article); }
      });
      all(document, ".assessment-main .section").forEach(function (section) {
        section.hidden = all(section, "[data-question-slot]").every(function (s) { return s.hidden; });
      });
      all(outline, ".outline-questions").forEach(function (list) {
        list.parentNode.hidden = list.children.length > 0 &&
          all(list, "[data-outline-item]").every(function (item) { return item.hidden; });
      });
      var active = filter || wanted.length;
      count.textContent = active ? (page.dataset.msgShown || "")
        .split("{shown}").join(shown.length).split("{total}").join(items.length) : "";
      highlight(shown, wanted);
    }

    var pending = null;
    outline.addEventListener("change", function (event) {
      if (event.target.name === "outline-filter") { apply(); }
    });
    find.addEventListener("input", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(apply, 200);
    });
    document.addEventListener("htmx:afterSettle", function () {
      if (find.value || outline.querySelector("input[name=outline-filter]:checked").value) { apply(); }
    });

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-step]");
      if (!link) { return; }
      var slots = all(document, "[data-question-slot]");
      var here = slots.indexOf(link.closest("[data-question-slot]"));
      var step = link.dataset.step === "next" ? 1 : -1;
      event.preventDefault();
      for (var i = here + step; i >= 0 && i < slots.length; i += step) {
        if (!slots[i].hidden) {
          var heading = slots[i].querySelector(".question-head h3");
          heading.setAttribute("tabindex", "-1");
          heading.scrollIntoView({ block: "start" });
          heading.focus();
          return;
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
