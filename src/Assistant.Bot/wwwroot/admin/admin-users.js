// The "Données personnelles" tab of the admin console: a user's data exported or erased, and how long conversations
// are kept (with a purge on demand). Helpers come from admin.js, api() from /console/session.js.
(function () {
  "use strict";

  var api = window.ConsoleSession.api;
  var shared = window.AdminConsole;
  var byId = shared.byId;
  var problemText = shared.problemText;

  function userPath() {
    return "/api/admin/users/" + encodeURIComponent(byId("user-form").elements.userId.value.trim());
  }

  async function exportUser(event) {
    event.preventDefault();
    byId("user-error").textContent = "";
    var response = await api(userPath() + "/export");
    if (!response.ok) {
      byId("user-error").textContent = await problemText(response);
      return;
    }
    var blob = await response.blob();
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "export-" + byId("user-form").elements.userId.value.trim() + ".json";
    link.click();
    URL.revokeObjectURL(link.href);
    byId("user-result").textContent = "Export téléchargé.";
  }

  async function eraseUser() {
    var userId = byId("user-form").elements.userId.value.trim();
    if (!userId || !window.confirm("Effacer toutes les données de " + userId + " ? Ses demandes restent, anonymisées.")) {
      return;
    }
    var response = await api(userPath(), { method: "DELETE" });
    if (!response.ok) {
      byId("user-error").textContent = await problemText(response);
      return;
    }
    var erased = await response.json();
    byId("user-result").textContent = erased.conversations + " conversation(s) et " + erased.consents + " consentement(s) effacés, "
      + erased.ticketsAnonymized + " demande(s) anonymisée(s).";
  }

  async function purgeRetention() {
    var response = await api("/api/admin/retention/purge", { method: "POST" });
    var purge = await response.json();
    byId("user-result").textContent = purge.conversations + " conversation(s) de plus de " + purge.retentionDays + " jours supprimée(s).";
  }

  function showRetention(retention) {
    byId("retention-days").value = retention.days;
    byId("retention-source").textContent = retention.source === "console"
      ? "modifié dans la console (configuration : " + retention.configuredDays + " jours)"
      : "configuration";
  }

  async function loadRetention() {
    showRetention(await (await api("/api/admin/retention")).json());
  }

  async function saveRetention(event, reset) {
    if (event) {
      event.preventDefault();
    }
    var reason = byId("retention-reason").value;
    var response = reset
      ? await api("/api/admin/retention/reset", { method: "POST", body: { reason: reason } })
      : await api("/api/admin/retention", { method: "PUT", body: { days: Number(byId("retention-days").value), reason: reason } });
    byId("retention-saved").textContent = "";
    if (!response.ok) {
      byId("retention-error").textContent = await problemText(response);
      return;
    }
    byId("retention-error").textContent = "";
    byId("retention-reason").value = "";
    var retention = await response.json();
    showRetention(retention);
    byId("retention-saved").textContent = "Enregistré : les conversations sont gardées " + retention.days + " jours ; la prochaine purge en tient compte.";
  }

  byId("user-form").addEventListener("submit", exportUser);
  byId("user-erase").addEventListener("click", eraseUser);
  byId("retention-purge").addEventListener("click", purgeRetention);
  byId("retention-form").addEventListener("submit", function (event) { saveRetention(event, false); });
  byId("retention-reset").addEventListener("click", function () { saveRetention(null, true); });
  shared.sections.users = loadRetention;
})();
