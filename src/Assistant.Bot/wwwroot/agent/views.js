// The agent console's two views: "Conversations" (handoffs, agent.js) and "Demandes" (the ticket inbox,
// inbox.js and ticket-view.js). Tabs switch between them; other modules open a view with AgentViews.show(name).
(function () {
  "use strict";

  function show(name) {
    document.querySelectorAll("[data-view]").forEach(function (view) {
      view.hidden = view.dataset.view !== name;
    });
    document.querySelectorAll(".tabs [data-tab]").forEach(function (tab) {
      var selected = tab.dataset.tab === name;
      tab.classList.toggle("selected", selected);
      tab.setAttribute("aria-selected", selected ? "true" : "false");
    });
    document.dispatchEvent(new CustomEvent("agent:view", { detail: name }));
  }

  document.querySelectorAll(".tabs [data-tab]").forEach(function (tab) {
    tab.addEventListener("click", function () { show(tab.dataset.tab); });
  });

  window.AgentViews = { show: show };
})();
