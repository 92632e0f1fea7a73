// The "E-mails" tab of the admin console: the outbox (counts per state, the newest mails with the reason of a failure).
// Addresses and texts are never shown: a line names the ticket, the kind of mail and what happened to it.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;

  var states = { pending: "en attente", sending: "en cours d'envoi", sent: "envoyé", failed: "échoué", suppressed: "non envoyé" };
  var kinds = { receipt: "accusé de réception", reply: "réponse de l'équipe", status: "changement de statut", satisfaction: "résolution et satisfaction", incident: "information d'incident" };

  async function loadOutbox() {
    byId("mail-error").textContent = "";
    var state = byId("mail-state").value;
    var response = await api("/api/admin/mail/outbox" + (state ? "?state=" + encodeURIComponent(state) : ""));
    if (!response.ok) {
      byId("mail-error").textContent = await shared.problemText(response);
      return;
    }
    var outbox = await response.json();
    byId("mail-operators").textContent = outbox.operatorsWithMail.length === 0
      ? "Aucun opérateur n'a de réglages d'envoi (Assistant:Mail) : aucun e-mail n'est envoyé."
      : "Envoi d'e-mails configuré pour : " + outbox.operatorsWithMail.join(", ") + ".";
    byId("mail-counts").textContent = Object.keys(states).map(function (s) {
      return states[s] + " : " + (outbox.counts[s] || 0);
    }).join(" · ");
    var body = byId("mail-body");
    body.replaceChildren();
    outbox.items.forEach(function (m) {
      var tr = shared.row([shared.date(m.createdAt), m.ticketReference || "", kinds[m.kind] || m.kind, states[m.state] || m.state,
        String(m.attempts), m.sentAt ? shared.date(m.sentAt) : m.state === "pending" ? shared.date(m.nextAttemptAt) : "", m.reason || ""]);
      tr.dataset.state = m.state;
      body.appendChild(tr);
    });
  }

  byId("mail-refresh").addEventListener("click", loadOutbox);
  byId("mail-state").addEventListener("change", loadOutbox);
  shared.sections.mail = loadOutbox;
})();
