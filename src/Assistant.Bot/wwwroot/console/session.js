// Staff session shared by the consoles (/agent, /admin): login form, bearer token in sessionStorage,
// an api() fetch helper that adds the token and shows the login again on 401, and logout.
// Usage: include this file, then call ConsoleSession.start({ onReady: (me) => ... }).
// The page must contain a <form id="login-form"> with inputs named "email" and "password",
// a <p id="login-error">, a <section id="login"> and a <section id="app"> (shown once logged in),
// and optionally a <button id="logout"> and an element #who for the user's name.
(function () {
  "use strict";

  var tokenKey = "supportAssistant.staffToken";
  var options = { onReady: function () {} };

  function token() {
    var stored = sessionStorage.getItem(tokenKey);
    if (!stored) {
      return null;
    }
    var parsed = JSON.parse(stored);
    if (Date.now() >= parsed.expiresAt) {
      sessionStorage.removeItem(tokenKey);
      return null;
    }
    return parsed.value;
  }

  function saveToken(answer) {
    // Expire a little early so a request never leaves with a token that dies on the way.
    var expiresAt = Date.now() + (answer.expires_in - 30) * 1000;
    sessionStorage.setItem(tokenKey, JSON.stringify({ value: answer.access_token, expiresAt: expiresAt }));
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function showLogin(message) {
    sessionStorage.removeItem(tokenKey);
    byId("app").hidden = true;
    byId("login").hidden = false;
    byId("login-error").textContent = message || "";
    var email = document.querySelector("#login-form [name=email]");
    if (email) {
      email.focus();
    }
  }

  async function api(path, init) {
    var current = token();
    if (!current) {
      showLogin("Votre session a expiré : reconnectez-vous.");
      throw new Error("not logged in");
    }
    init = init || {};
    var headers = new Headers(init.headers || {});
    headers.set("Authorization", "Bearer " + current);
    headers.set("Accept", "application/json");
    if (init.body !== undefined && typeof init.body !== "string" && !(init.body instanceof FormData)) {
      headers.set("Content-Type", "application/json");
      init = Object.assign({}, init, { body: JSON.stringify(init.body) });
    }
    var response = await fetch(path, Object.assign({}, init, { headers: headers }));
    if (response.status === 401) {
      showLogin("Votre session a expiré : reconnectez-vous.");
      throw new Error("unauthorized");
    }
    return response;
  }

  async function enter() {
    var response = await api("/api/auth/me");
    if (!response.ok) {
      showLogin("Connexion impossible (" + response.status + ").");
      return;
    }
    var me = await response.json();
    byId("login").hidden = true;
    byId("app").hidden = false;
    var who = byId("who");
    if (who) {
      who.textContent = me.displayName || me.email || "";
    }
    options.onReady(me);
  }

  async function login(event) {
    event.preventDefault();
    var form = event.target;
    byId("login-error").textContent = "";
    var response = await fetch("/api/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ email: form.elements.email.value, password: form.elements.password.value })
    });
    if (response.status === 429) {
      byId("login-error").textContent = "Trop de tentatives : réessayez plus tard.";
      return;
    }
    if (!response.ok) {
      byId("login-error").textContent = "Adresse e-mail ou mot de passe incorrect.";
      return;
    }
    form.elements.password.value = "";
    saveToken(await response.json());
    await enter();
  }

  function logout() {
    showLogin("");
    if (options.onLogout) {
      options.onLogout();
    }
  }

  function start(startOptions) {
    options = Object.assign(options, startOptions || {});
    byId("login-form").addEventListener("submit", login);
    var logoutButton = byId("logout");
    if (logoutButton) {
      logoutButton.addEventListener("click", logout);
    }
    if (token()) {
      enter();
    } else {
      showLogin("");
    }
  }

  window.ConsoleSession = { start: start, api: api, token: token, logout: logout, showLogin: showLogin };
})();
