// SLA at a glance, shared by the inbox and the ticket view: a countdown to the due time that runs now
// (first response until the first public reply, then resolution) and its colour. The server says when less
// than 20 % of the working time is left (it knows the operator's hours); the page turns a ticket late itself
// when the due time passes while it is open.
(function () {
  "use strict";

  var clockLabel = { firstResponse: "1re réponse", resolution: "résolution" };

  function duration(ms) {
    var minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
    if (minutes < 60) {
      return minutes + " min";
    }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) {
      var rest = minutes % 60;
      return hours + " h" + (rest ? " " + String(rest).padStart(2, "0") : "");
    }
    return Math.round(hours / 24) + " j";
  }

  function state(sla, now) {
    if (!sla || sla.state === "none") {
      return "none";
    }
    return Date.parse(sla.due) <= (now || Date.now()) ? "breached" : sla.state;
  }

  function text(sla, now) {
    if (!sla || sla.state === "none") {
      return "";
    }
    var left = Date.parse(sla.due) - (now || Date.now());
    var label = clockLabel[sla.clock] || sla.clock;
    return left <= 0 ? label + " en retard de " + duration(left) : label + " dans " + duration(left);
  }

  // Fills an element with the countdown and sets data-sla to ok | warning | breached | none (the CSS colours it).
  function render(element, sla) {
    element.textContent = text(sla);
    element.dataset.sla = state(sla);
    element.title = sla && sla.due ? "échéance " + new Date(sla.due).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  // Every countdown on the page moves on each half-minute.
  function tick() {
    document.querySelectorAll("[data-sla-due]").forEach(function (element) {
      render(element, JSON.parse(element.dataset.slaValue));
    });
  }

  function attach(element, sla) {
    element.dataset.slaDue = sla ? sla.due : "";
    element.dataset.slaValue = JSON.stringify(sla || null);
    element.classList.add("sla");
    render(element, sla);
  }

  setInterval(tick, 30000);
  window.AgentSla = { attach: attach, text: text, state: state, duration: duration };
})();
