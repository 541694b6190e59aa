// The site's accessibility fixes for widgets Django's admin builds in the browser (loaded,
// deferred, by templates/admin/base_site.html).
"use strict";
{
    // filter_horizontal: the magnifier icon in a label carries aria-label without a role.
    function nameFilterIcons(root) {
        root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(icon => {
            icon.setAttribute("role", "img");
        });
    }

    // autocomplete_fields: select2's combobox is named by its (empty) rendering only; name
    // it by the field's label as well.
    function nameAutocompletes(root) {
        root.querySelectorAll("select.admin-autocomplete").forEach(select => {
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            const container = select.nextElementSibling;
            const combobox = container && container.querySelector(".select2-selection[role=combobox]");
            if (!label || !combobox) {
                return;
            }
            if (!label.id) {
                label.id = `${select.id}_label`;
            }
            const names = combobox.getAttribute("aria-labelledby") || "";
            if (!names.split(" ").includes(label.id)) {
                combobox.setAttribute("aria-labelledby", `${label.id} ${names}`.trim());
            }
            // The chosen value's text inside it is not a read-only text box of its own (an
            // unnamed one while empty): it is plain text, read as part of the combobox's name.
            const shown = combobox.querySelector(".select2-selection__rendered[role=textbox]");
            if (shown) {
                shown.removeAttribute("role");
                shown.removeAttribute("aria-readonly");
            }
        });
    }

    function fix(root) {
        nameFilterIcons(root);
        nameAutocompletes(root);
    }

    // The admin's scripts build widgets on "ready", on "load" and when an inline row is
    // added, in an order of their own: fix what is there, then whatever they add later.
    window.addEventListener("load", () => {
        fix(document);
        new MutationObserver(() => fix(document)).observe(document.body, {
            childList: true,
            subtree: true,
        });
    });
}
