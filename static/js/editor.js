/* The assessment editor's behaviour. No inline script or style: CSP-safe.

   1. Rich text: progressive enhancement of <textarea data-richtext>. The textarea stays the
      form field (the server sanitises it); a contenteditable box, labelled by the field's
      label, edits it, under a toolbar that is one tab stop (arrow keys move inside it).
   2. Errors: the focus goes to the error summary of a form that came back with errors
      (page load or htmx swap); a link in a summary focuses its field.
   3. After an htmx save, the focus stays in the saved block (its status message) and the
      message is announced in the page's live region. */
(function () {
  "use strict";

  // [command, data-* name of its translated label, glyph shown before the label]
  var COMMANDS = [
    ["bold", "labelBold", ""],
    ["italic", "labelItalic", ""],
    ["insertUnorderedList", "labelBullets", "\u2022"],
    ["insertOrderedList", "labelNumbers", "1."]
  ];
  var TOGGLES = { bold: true, italic: true };

  /* The browser's list commands can leave <ul>/<ol> inside a <p>, which HTML forbids:
     lift each list out, splitting its paragraph around it. */
  function liftLists(root) {
    Array.prototype.forEach.call(root.querySelectorAll("p > ul, p > ol"), function (list) {
      var paragraph = list.parentNode;
      var after = document.createElement("p");
      while (list.nextSibling) { after.appendChild(list.nextSibling); }
      paragraph.parentNode.insertBefore(list, paragraph.nextSibling);
      if (after.textContent.trim()) { paragraph.parentNode.insertBefore(after, list.nextSibling); }
      if (!paragraph.textContent.trim()) { paragraph.parentNode.removeChild(paragraph); }
    });
  }

  function serialise(editor) {
    var copy = editor.cloneNode(true);
    liftLists(copy);
    return copy.innerHTML;
  }

  function isRtl(element) {
    return window.getComputedStyle(element).direction === "rtl";
  }

  function buildToolbar(textarea, editor) {
    var toolbar = document.createElement("div");
    toolbar.className = "rt-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", textarea.dataset.labelToolbar || "Formatting");
    toolbar.setAttribute("aria-controls", editor.id);
    COMMANDS.forEach(function (entry, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rt-" + entry[0];
      button.dataset.command = entry[0];
      button.tabIndex = index === 0 ? 0 : -1;
      if (entry[2]) {
        // The glyph is decoration (hidden from the name); "1." keeps its order in RTL.
        var glyph = document.createElement("bdi");
        glyph.className = "rt-glyph";
        glyph.dir = "ltr";
        glyph.setAttribute("aria-hidden", "true");
        glyph.textContent = entry[2];
        button.appendChild(glyph);
        button.appendChild(document.createTextNode(" "));
      }
      // The visible label is the accessible name: no aria-label to disagree with it.
      var label = document.createElement("span");
      label.className = "rt-label";
      label.textContent = textarea.dataset[entry[1]] || entry[0];
      button.appendChild(label);
      if (TOGGLES[entry[0]]) { button.setAttribute("aria-pressed", "false"); }
      toolbar.appendChild(button);
    });
    toolbar.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
      var index = buttons.indexOf(document.activeElement);
      if (index < 0) { return; }
      var forward = isRtl(toolbar) ? "ArrowLeft" : "ArrowRight";
      var backward = isRtl(toolbar) ? "ArrowRight" : "ArrowLeft";
      var next = null;
      if (event.key === forward) { next = (index + 1) % buttons.length; }
      else if (event.key === backward) { next = (index - 1 + buttons.length) % buttons.length; }
      else if (event.key === "Home") { next = 0; }
      else if (event.key === "End") { next = buttons.length - 1; }
      if (next === null) { return; }
      event.preventDefault();
      buttons.forEach(function (button, i) { button.tabIndex = i === next ? 0 : -1; });
      buttons[next].focus();
    });
    // A mouse press must not take the selection out of the text.
    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("button")) { event.preventDefault(); }
    });
    return toolbar;
  }

  function enhance(root) {
    var areas = root.querySelectorAll ? root.querySelectorAll("textarea[data-richtext]") : [];
    Array.prototype.forEach.call(areas, function (textarea) {
      if (textarea.dataset.enhanced) { return; }
      textarea.dataset.enhanced = "1";
      var editor = document.createElement("div");
      editor.className = "rt-editor";
      editor.id = textarea.id + "-editor";
      editor.contentEditable = "true";
      editor.setAttribute("role", "textbox");
      editor.setAttribute("aria-multiline", "true");
      editor.dir = "auto";
      if (textarea.lang) { editor.lang = textarea.lang; }
      ["aria-invalid", "aria-describedby"].forEach(function (name) {
        if (textarea.hasAttribute(name)) { editor.setAttribute(name, textarea.getAttribute(name)); }
      });
      // The label names the visible box; the hidden textarea is no longer its target.
      var label = document.querySelector("label[for='" + textarea.id + "']");
      if (label) {
        if (!label.id) { label.id = textarea.id + "-label"; }
        editor.setAttribute("aria-labelledby", label.id);
        label.removeAttribute("for");
        label.addEventListener("click", function () { editor.focus(); });
      }
      editor.innerHTML = textarea.value;
      textarea.hidden = true;
      textarea.richEditor = editor;
      var toolbar = buildToolbar(textarea, editor);
      textarea.parentNode.insertBefore(toolbar, textarea.nextSibling);
      textarea.parentNode.insertBefore(editor, toolbar.nextSibling);

      var refreshPressed = function () {
        Array.prototype.forEach.call(toolbar.querySelectorAll("[aria-pressed]"), function (b) {
          var on = false;
          try { on = document.queryCommandState(b.dataset.command); } catch (e) { on = false; }
          b.setAttribute("aria-pressed", on ? "true" : "false");
        });
      };
      var sync = function () {
        textarea.value = serialise(editor);
        if (textarea.form) { textarea.form.classList.add("dirty"); }
      };
      editor.addEventListener("input", sync);
      editor.addEventListener("keyup", refreshPressed);
      editor.addEventListener("mouseup", refreshPressed);
      editor.addEventListener("focus", function () {
        try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* old browsers */ }
      });
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button || !button.dataset.command) { return; }
        editor.focus();
        document.execCommand(button.dataset.command, false, null);
        sync();
        refreshPressed();
      });
    });
  }

  /* The field an error summary's link names: the rich-text box stands for its textarea. */
  function fieldOf(id) {
    var field = document.getElementById(id);
    if (field && field.richEditor) { return field.richEditor; }
    return field;
  }

  function focusElement(element) {
    if (!element) { return; }
    var focusable = /^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName);
    if (!element.hasAttribute("tabindex") && !focusable && !element.isContentEditable) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  function announce(text) {
    var live = document.getElementById("editor-live");
    if (!live || !text) { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* After a page load or a swap: the error summary takes the focus; else the saved
     block's status message does (so the focus never falls back to <body>). */
  function settle(root) {
    if (!root || !root.querySelector) { return; }
    var summary = root.querySelector("[data-error-summary]");
    if (summary) {
      focusElement(summary);
      return;
    }
    var saved = root.querySelector("[data-saved]");
    if (saved) {
      focusElement(saved);
      announce(saved.textContent.trim());
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var field = fieldOf(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var labelledby = field.getAttribute("aria-labelledby");
    var label = labelledby ? document.getElementById(labelledby) : null;
    (label || field).scrollIntoView({ block: "center" });
    focusElement(field);
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { focusElement(summary); }
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
    if (event.detail.elt !== document.body) { settle(event.detail.elt); }
  });
})();
