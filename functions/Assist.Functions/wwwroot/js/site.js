// Progressive enhancement only: every page works without this file.
// - [data-copy-target]: copies the text of the element it names, then says so.
// - [data-print]: prints the page (the print stylesheet shows just the receipt).
// - [data-confirm]: asks before a form is sent.
(function () {
    "use strict";

    function ready(fn) {
        if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
    }

    ready(function () {
        document.querySelectorAll("[data-copy-target]").forEach(function (button) {
            var target = document.getElementById(button.getAttribute("data-copy-target"));
            if (!target || !navigator.clipboard) { return; }
            button.hidden = false;
            button.addEventListener("click", function () {
                navigator.clipboard.writeText(target.textContent.trim()).then(function () {
                    button.setAttribute("data-copied", button.getAttribute("data-copied-text") || "✓");
                    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
                    if (status) { status.textContent = button.getAttribute("data-copied-text") || ""; }
                });
            });
        });

        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
        });

        document.querySelectorAll("form[data-confirm]").forEach(function (form) {
            form.addEventListener("submit", function (event) {
                if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
            });
        });
    });
})();
