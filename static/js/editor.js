/* The editor's behaviour (assessments, visit reports). No inline script or style: CSP-safe.

   1. Rich text: progressive enhancement of <textarea data-richtext>. The textarea stays the
      form field (the server sanitises it); a contenteditable box, labelled by the field's
      label, edits it, under a toolbar that is one tab stop (arrow keys move inside it).
   2. Errors: the focus goes to the error summary of a form that came back with errors
      (page load or htmx swap); a link in a summary focuses its field.
   3. After an htmx save, the focus stays in the saved block (its status message) and the
      message is announced in the page's live region.
   4. Never lose a word: each editable part (a <form data-part>: a finding, the cover note,
      the letter, the recommendations) keeps its unsaved values in localStorage as you type,
      under ctc-draft:<user>:<assessment>:<part>, with the revision they were based on. On
      load, a draft that differs from the saved text is offered back in place (Restore /
      Discard); restoring it puts back its revision too, so if someone saved since, saving
      shows the conflict view instead of overwriting. A successful save clears the draft;
      drafts older than DRAFT_DAYS are dropped. Leaving the page with unsaved changes asks
      first (beforeunload). Signing out removes every draft kept in this browser.
   5. Autosave: AUTOSAVE_MS after the last change, the part is posted through its own htmx
      form (the revision guard applies). A successful autosave does not swap the block (the
      focus, the caret and anything typed meanwhile stay); only its revision, the "last
      edited" line and the out-of-band parts (progress, outline) change. A conflict is
      swapped in (the conflict view, focus on its summary); other refusals just say
      "Not saved" and keep the draft. Ctrl/Cmd+S saves the part that has the focus (or the
      last one edited) the same way, but shows errors. Each part says "Saving…", "Saved at
      hh:mm" or "Not saved" beside its button, announced politely.
   6. Conflict view: "Keep mine" is a plain form (works without JS) posting my text with the
      current revision; "Take theirs" (a link reloading the page without JS) closes the
      conflict in place and drops my draft. Merging: the editor holds their text, mine is
      beside it as a word diff.
   7. Recommendations: a numbered list with Move up / Move down / Remove buttons on each
      line and "Add a recommendation"; lines are renumbered (names text_N/area_N, labels,
      the hidden row count) after each change, and each change is announced. Without JS the
      server's form with blank lines works as before. */
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

  /* ---------- 4-6. Drafts, autosave, Ctrl/Cmd+S, conflicts ---------- */

  var AUTOSAVE_MS = 2500;
  var DRAFT_DAYS = 14;
  var baselines = {};  // part → its values as last known saved on the server
  var timers = {};
  var lastPart = null;

  function page() { return document.querySelector("[data-editor]"); }

  /* A translated message from the page's data-* attributes, with {name} fields filled. */
  function message(name, fields) {
    var root = page();
    var text = (root && root.dataset[name]) || "";
    Object.keys(fields || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(fields[key]);
    });
    return text;
  }

  function clock(time) {
    var when = new Date(time);
    var lang = document.documentElement.lang || undefined;
    if (when.toDateString() === new Date().toDateString()) {
      return when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    }
    return when.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
  }

  function partForm(part) {
    return document.querySelector("form[data-part='" + part + "']");
  }

  function recRows(form) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-rec-row]"));
  }

  /* What a part holds now, in a comparable form: named fields, or for the recommendations
     the non-blank lines in order. */
  function values(form) {
    if (form.dataset.part === "recommendations") {
      return recRows(form).map(function (row) {
        return [row.querySelector("textarea").value.trim(), row.querySelector("select").value];
      }).filter(function (line) { return line[0]; });
    }
    var result = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.type === "submit") { return; }
      result[field.name] = field.value;
    });
    return result;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function dirty(form) {
    return !same(values(form), baselines[form.dataset.part]);
  }

  function draftKey(part) {
    var root = page();
    // The document: an assessment's pk, or another editor's data-document (a visit report).
    var document_ = root.dataset.document || root.dataset.assessment;
    return ["ctc-draft", root.dataset.user, document_, part].join(":");
  }

  function draftGet(part) {
    try { return JSON.parse(window.localStorage.getItem(draftKey(part)) || "null"); }
    catch (e) { return null; }
  }

  function draftStore(form) {
    var record = { revision: form.elements.revision.value, time: Date.now(), values: values(form) };
    try { window.localStorage.setItem(draftKey(form.dataset.part), JSON.stringify(record)); }
    catch (e) { /* storage full or disabled: autosave still runs */ }
  }

  function draftDrop(part) {
    try { window.localStorage.removeItem(draftKey(part)); } catch (e) { /* disabled */ }
  }

  function statusOf(form) {
    var status = form.querySelector("[data-save-status]");
    if (!status) {
      status = document.createElement("span");
      status.className = "save-status meta";
      status.setAttribute("data-save-status", "");
      var button = form.querySelector("button[type=submit]:last-of-type");
      form.insertBefore(status, button ? button.nextSibling : null);
    }
    return status;
  }

  function setStatus(form, text, quiet) {
    statusOf(form).textContent = text;
    if (!quiet) { announce(text); }
  }

  function setValues(form, saved) {
    if (form.dataset.part === "recommendations") {
      recSet(form, saved);
      return;
    }
    Object.keys(saved).forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      field.value = saved[name];
      if (field.richEditor) { field.richEditor.innerHTML = saved[name]; }
    });
  }

  function firstField(form) {
    var field = form.querySelector(".rt-editor, textarea:not([hidden]), select");
    return field;
  }

  /* A change in a part: keep it locally, and autosave after a pause. */
  function changed(form) {
    var part = form.dataset.part;
    lastPart = part;
    window.clearTimeout(timers[part]);
    if (!dirty(form)) {
      draftDrop(part);
      form.classList.remove("dirty");
      return;
    }
    draftStore(form);
    form.classList.add("dirty");
    timers[part] = window.setTimeout(function () { save(form, "auto"); }, AUTOSAVE_MS);
  }

  /* mode: "auto" (after a pause) or "inplace" (Ctrl/Cmd+S): a success leaves the block as it
     is; a button press swaps the block as the server sends it. */
  function save(form, mode) {
    if (!document.body.contains(form)) { return; }
    window.clearTimeout(timers[form.dataset.part]);
    if (mode === "auto" && !dirty(form)) { return; }
    if (form.dataset.part === "recommendations" && values(form).some(function (l) { return !l[1]; })) {
      setStatus(form, message("msgNotSavedArea"));
      if (mode === "auto") { return; }
    }
    form.dataset.saveMode = mode;
    setStatus(form, message("msgSaving"), mode === "auto");
    if (form.requestSubmit) { form.requestSubmit(); } else { window.htmx.trigger(form, "submit"); }
  }

  function offerDraft(form) {
    var part = form.dataset.part;
    var draft = draftGet(part);
    if (!draft) { return; }
    var old = Date.now() - draft.time > DRAFT_DAYS * 864e5;
    if (old || same(draft.values, baselines[part])) {
      draftDrop(part);
      return;
    }
    var offer = document.createElement("div");
    offer.className = "draft-offer";
    offer.setAttribute("data-draft-offer", "");
    var text = document.createElement("p");
    text.textContent = message("msgDraftFound", { time: clock(draft.time) });
    if (String(draft.revision) !== form.elements.revision.value) {
      text.textContent += " " + message("msgDraftStale");
    }
    offer.appendChild(text);
    [["labelRestore", "restore"], ["labelDiscard", "discard"]].forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = message(entry[0]);
      button.setAttribute("data-draft", entry[1]);
      offer.appendChild(button);
      offer.appendChild(document.createTextNode(" "));
    });
    offer.addEventListener("click", function (event) {
      var button = event.target.closest("[data-draft]");
      if (!button) { return; }
      if (button.dataset.draft === "restore") {
        setValues(form, draft.values);
        form.elements.revision.value = draft.revision;
        offer.remove();
        changed(form);
      } else {
        draftDrop(part);
        offer.remove();
      }
      focusElement(firstField(form));
    });
    form.insertBefore(offer, form.firstChild);
  }

  /* The parts inside `root`, after a page load (offer drafts) or a swap. */
  function initParts(root, onLoad) {
    var forms = root.matches && root.matches("form[data-part]") ? [root] : [];
    forms = forms.concat(Array.prototype.slice.call(root.querySelectorAll("form[data-part]")));
    forms.forEach(function (form) {
      var part = form.dataset.part;
      enhanceRecommendations(form);
      if (onLoad) {
        baselines[part] = values(form);
        offerDraft(form);
        return;
      }
      if (root.querySelector("[data-saved]")) {
        baselines[part] = values(form);
        draftDrop(part);
        setStatus(form, message("msgSavedAt", { time: clock(Date.now()) }), true);
      } else if (root.querySelector("[data-conflict]")) {
        baselines[part] = values(form);  // theirs; mine stays in the draft and beside it
      } else if (dirty(form)) {
        form.classList.add("dirty");
      }
    });
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-part]");
    if (form && page()) { changed(form); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-part]");
    if (form && page()) { changed(form); }
  });

  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key || "").toLowerCase() !== "s") { return; }
    if (!page()) { return; }
    event.preventDefault();
    var active = document.activeElement;
    var form = (active && active.closest && active.closest("form[data-part]")) ||
      (lastPart && partForm(lastPart));
    if (form) { save(form, "inplace"); }
  });

  window.addEventListener("beforeunload", function (event) {
    if (!page()) { return; }
    var unsaved = Array.prototype.some.call(document.querySelectorAll("form[data-part]"), dirty);
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.dataset || !form.dataset.part) { return; }
    window.clearTimeout(timers[form.dataset.part]);
    event.detail.ctcPart = form.dataset.part;
    event.detail.ctcMode = form.dataset.saveMode || "button";
    event.detail.ctcValues = values(form);
    delete form.dataset.saveMode;
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    if (!config || !config.ctcPart || config.ctcMode === "button") { return; }
    var form = partForm(config.ctcPart);
    var status = event.detail.xhr.status;
    if (status === 409 || !form) { return; }  // the conflict view is swapped in
    if (status !== 200) {
      if (config.ctcMode === "auto") {
        event.detail.shouldSwap = false;
        setStatus(form, message("msgNotSaved"));
      }
      return;
    }
    // Saved: keep the block (focus, caret, what was typed meanwhile); take the new revision.
    event.detail.swapOverride = "none";
    var answer = new DOMParser().parseFromString(event.detail.serverResponse, "text/html");
    var revision = answer.querySelector("form[data-part] input[name=revision]");
    if (revision) { form.elements.revision.value = revision.value; }
    var edited = answer.querySelector(".last-edit");
    var block = form.closest(".question, .note-block");
    var current = block && block.querySelector(".last-edit");
    if (edited && current) { current.replaceWith(edited); }
    else if (edited && block) { form.after(edited); }
    baselines[config.ctcPart] = config.ctcValues;
    if (dirty(form)) { changed(form); } else { draftDrop(config.ctcPart); form.classList.remove("dirty"); }
    setStatus(form, message("msgSavedAt", { time: clock(Date.now()) }));
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (form && form.dataset && form.dataset.part) { setStatus(form, message("msgNotSaved")); }
  });

  /* Take theirs: close the conflict in place; their text is already in the editor. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-take-theirs]");
    if (!link) { return; }
    var block = link.closest(".question, .note-block");
    var form = block && block.querySelector("form[data-part]");
    if (!form) { return; }
    event.preventDefault();
    Array.prototype.forEach.call(
      block.querySelectorAll("[data-conflict], [data-error-summary], .field-error"),
      function (element) { element.remove(); }
    );
    Array.prototype.forEach.call(block.querySelectorAll("[aria-invalid]"), function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    draftDrop(form.dataset.part);
    baselines[form.dataset.part] = values(form);
    form.classList.remove("dirty");
    focusElement(firstField(form));
    announce(message("msgTheirsKept"));
  });

  /* Signing out forgets this browser's drafts (internal text), once the page is really left. */
  var signingOut = false;
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action");
    signingOut = Boolean(action && /\/logout\/$/.test(new URL(action, window.location.href).pathname));
  });
  window.addEventListener("pagehide", function () {
    if (!signingOut) { return; }
    try {
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf("ctc-draft:") === 0) { window.localStorage.removeItem(key); }
      });
    } catch (e) { /* disabled */ }
  });

  /* ---------- 7. Recommendations as a list ---------- */

  function recLabel(form, name, n) { return (form.dataset[name] || "").split("{n}").join(n); }

  function recRenumber(form) {
    var rows = recRows(form);
    rows.forEach(function (row, index) {
      var n = index + 1;
      var text = row.querySelector("textarea");
      var area = row.querySelector("select");
      var labels = row.querySelectorAll("label");
      text.id = "rec-" + n;
      text.name = "text_" + n;
      area.id = "rec-area-" + n;
      area.name = "area_" + n;
      labels[0].id = "rec-" + n + "-label";
      labels[0].htmlFor = text.id;
      labels[0].textContent = recLabel(form, "labelText", n);
      labels[1].htmlFor = area.id;
      labels[1].textContent = recLabel(form, "labelArea", n);
      Array.prototype.forEach.call(row.querySelectorAll("[data-rec-action]"), function (button) {
        button.setAttribute("aria-describedby", labels[0].id);
        var stuck = (button.dataset.recAction === "up" && index === 0) ||
          (button.dataset.recAction === "down" && index === rows.length - 1);
        button.setAttribute("aria-disabled", stuck ? "true" : "false");
      });
    });
    form.elements.rows.value = Math.max(rows.length, 1);
  }

  function recTools(form, row) {
    var tools = document.createElement("div");
    tools.className = "rec-tools";
    [["up", "labelUp"], ["down", "labelDown"], ["remove", "labelRemove"]].forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.recAction = entry[0];
      button.textContent = form.dataset[entry[1]];
      tools.appendChild(button);
    });
    row.appendChild(tools);
  }

  function recBlank(form) {
    var row = form.recTemplate.cloneNode(true);
    recTools(form, row);
    return row;
  }

  function recAdd(form, line) {
    var row = recBlank(form);
    if (line) {
      row.querySelector("textarea").value = line[0];
      row.querySelector("select").value = line[1];
    }
    form.querySelector(".rec-list").appendChild(row);
    return row;
  }

  function recSet(form, lines) {
    recRows(form).forEach(function (row) { row.remove(); });
    lines.forEach(function (line) { recAdd(form, line); });
    recAdd(form);
    recRenumber(form);
  }

  function enhanceRecommendations(form) {
    if (form.dataset.part !== "recommendations" || form.dataset.listEnhanced) { return; }
    form.dataset.listEnhanced = "1";
    var rows = recRows(form);
    var template = rows[0].cloneNode(true);
    template.querySelector("textarea").textContent = "";
    template.querySelector("select").selectedIndex = 0;
    Array.prototype.forEach.call(template.querySelectorAll("option[selected]"), function (o) { o.removeAttribute("selected"); });
    Array.prototype.forEach.call(template.querySelectorAll(".field-error"), function (e) { e.remove(); });
    Array.prototype.forEach.call(template.querySelectorAll("[aria-invalid]"), function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    form.recTemplate = template;
    // One blank line at the end is enough: "Add a recommendation" makes more.
    while (rows.length > 1 && !rows[rows.length - 1].querySelector("textarea").value.trim() &&
           !rows[rows.length - 2].querySelector("textarea").value.trim()) {
      rows.pop().remove();
    }
    rows.forEach(function (row) { recTools(form, row); });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "rec-add";
    add.dataset.recAction = "add";
    add.textContent = form.dataset.labelAdd;
    form.querySelector(".rec-list").after(add);
    recRenumber(form);

    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-rec-action]");
      if (!button || button.getAttribute("aria-disabled") === "true") { return; }
      var action = button.dataset.recAction;
      var row = button.closest("[data-rec-row]");
      var all = recRows(form);
      var n = all.indexOf(row) + 1;
      var text;
      if (action === "add") {
        if (all.length >= Number(form.dataset.max)) { announce(form.dataset.msgFull); return; }
        row = recAdd(form);
        recRenumber(form);
        row.querySelector("textarea").focus();
        text = recLabel(form, "msgAdded", all.length + 1);
      } else if (action === "remove") {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        recRenumber(form);
        focusElement(next ? next.querySelector("textarea") : form.querySelector(".rec-add"));
        text = recLabel(form, "msgRemoved", n);
      } else {
        // Move the neighbour rather than this line, so the pressed button keeps the focus.
        var other = action === "up" ? row.previousElementSibling : row.nextElementSibling;
        if (action === "up") { row.after(other); } else { row.before(other); }
        recRenumber(form);
        text = recLabel(form, "msgMoved", n).split("{m}").join(action === "up" ? n - 1 : n + 1);
      }
      announce(text);
      changed(form);
    });
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
    if (page()) { initParts(document, true); }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { focusElement(summary); }
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
    if (event.detail.elt !== document.body) {
      if (page()) { initParts(event.detail.elt, false); }
      settle(event.detail.elt);
    }
  });
})();
