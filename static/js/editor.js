/* Rich-text findings: progressive enhancement of <textarea data-richtext>.
   The textarea stays the form field (the server sanitises it); a contenteditable
   area with a small toolbar edits it. No inline script or style: CSP-safe. */
(function () {
  "use strict";

  var COMMANDS = [
    ["bold", "B", "labelBold"],
    ["italic", "I", "labelItalic"],
    ["insertUnorderedList", "•", "labelBullets"],
    ["insertOrderedList", "1.", "labelNumbers"]
  ];

  function enhance(root) {
    var areas = root.querySelectorAll ? root.querySelectorAll("textarea[data-richtext]") : [];
    Array.prototype.forEach.call(areas, function (textarea) {
      if (textarea.dataset.enhanced) { return; }
      textarea.dataset.enhanced = "1";
      var toolbar = document.createElement("div");
      toolbar.className = "rt-toolbar";
      toolbar.setAttribute("role", "toolbar");
      COMMANDS.forEach(function (entry) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = entry[1];
        button.dataset.command = entry[0];
        button.setAttribute("aria-label", textarea.dataset[entry[2]] || entry[0]);
        button.title = textarea.dataset[entry[2]] || entry[0];
        toolbar.appendChild(button);
      });
      var editor = document.createElement("div");
      editor.className = "rt-editor";
      editor.contentEditable = "true";
      editor.setAttribute("role", "textbox");
      editor.setAttribute("aria-multiline", "true");
      editor.dir = "auto";
      if (textarea.lang) { editor.lang = textarea.lang; }
      var label = document.querySelector("label[for='" + textarea.id + "']");
      if (label) { editor.setAttribute("aria-label", label.textContent.trim()); }
      editor.innerHTML = textarea.value;
      textarea.hidden = true;
      textarea.parentNode.insertBefore(toolbar, textarea.nextSibling);
      textarea.parentNode.insertBefore(editor, toolbar.nextSibling);
      var sync = function () {
        textarea.value = editor.innerHTML;
        var form = textarea.form;
        if (form) { form.classList.add("dirty"); }
      };
      editor.addEventListener("input", sync);
      toolbar.addEventListener("click", function (event) {
        var command = event.target.dataset && event.target.dataset.command;
        if (!command) { return; }
        editor.focus();
        document.execCommand(command, false, null);
        sync();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();
