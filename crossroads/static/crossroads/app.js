// On narrow screens the menu starts closed, so the page itself comes first.
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector(".nav-toggle");
  if (menu && window.matchMedia("(max-width: 48rem)").matches) {
    menu.removeAttribute("open");
  }
});
