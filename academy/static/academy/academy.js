/* Social Media Academy: the only script every page loads (no inline script: the
   Content-Security-Policy forbids it). Loaded in <head> without defer so that the "js" class is
   on <html> before the first paint and the phone menu starts folded. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var button = document.querySelector("[data-menu-button]");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the menu and gives focus back to its button.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // A table wider than its box scrolls inside it (.table-wrap); keyboard users must be able to
  // reach and scroll it too, so such a box becomes a focusable, named region.
  function makeScrollableTablesFocusable() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("data-made-focusable", "");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute(
            "aria-label",
            box.dataset.label || (caption ? caption.textContent.trim() : document.title)
          );
        }
      } else if (!scrolls && box.hasAttribute("data-made-focusable")) {
        ["tabindex", "role", "aria-label", "data-made-focusable"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  // Print buttons (the worksheet's printable page): a data attribute instead of an inline
  // onclick, which the Content-Security-Policy would block.
  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function setUp() {
    setUpMenu();
    setUpPrintButtons();
    makeScrollableTablesFocusable();
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(makeScrollableTablesFocusable, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
