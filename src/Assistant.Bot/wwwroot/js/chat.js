// The built-in chat page: get a token for this visitor, then start WebChat on our own Direct Line.
(function () {
  'use strict';

  var root = document.getElementById('webchat');
  var operatorId = root.getAttribute('data-operator');
  // A link from one of our e-mails reopens its conversation: its signed token is in the fragment (never sent in a URL).
  var resume = (/[#&]resume=([A-Za-z0-9_.-]+)/.exec(window.location.hash) || [])[1];

  function showError(message) {
    root.innerHTML = '';
    var box = document.createElement('p');
    box.className = 'chat-error';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    root.appendChild(box);
  }

  // Current service notices (maintenance, ongoing incidents) above the chat; the chat works without them.
  function showNotices(status) {
    var active = (status.notices || []).filter(function (notice) { return notice.active; });
    if (active.length === 0) {
      return;
    }
    var box = document.createElement('section');
    box.className = 'chat-notices';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', 'Informations de service');
    active.forEach(function (notice) {
      var line = document.createElement('p');
      line.className = 'chat-notice chat-notice-' + notice.kind;
      var title = document.createElement('strong');
      title.textContent = notice.kind === 'maintenance'
        ? 'Maintenance planifiée jusqu\'au ' + new Date(notice.endsAt).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' }) + ' : '
        : 'Incident en cours : ';
      line.appendChild(title);
      var last = notice.updates && notice.updates.length > 0 ? notice.updates[notice.updates.length - 1].text.fr : null;
      line.appendChild(document.createTextNode(notice.message.fr + (last ? ' (dernière information : ' + last + ')' : '')));
      box.appendChild(line);
    });
    root.parentNode.insertBefore(box, root);
  }

  fetch('/api/status?operator=' + encodeURIComponent(operatorId), { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : { notices: [] }; })
    .then(showNotices)
    .catch(function () { /* no banner */ });

  if (!window.WebChat) {
    showError("Le module de discussion n'a pas pu être chargé. Merci de réessayer plus tard.");
    return;
  }

  fetch('/api/directline/token', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(resume ? { operator: operatorId, resume: resume } : { operator: operatorId })
  })
    .then(function (response) {
      if (resume && response.status === 403) {
        throw new Error('expired link');
      }
      if (!response.ok) {
        throw new Error('token ' + response.status);
      }
      return response.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({
        domain: window.location.origin + '/v3/directline',
        token: session.token,
        conversationId: session.conversationId || undefined
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          userID: session.userId,
          locale: 'fr-FR',
          styleOptions: {
            botAvatarInitials: 'AS',
            userAvatarInitials: 'Moi',
            bubbleBorderRadius: 8,
            bubbleFromUserBorderRadius: 8,
            hideUploadButton: false,
            sendTimeout: 20000
          }
        },
        root
      );
      var input = root.querySelector('input, textarea');
      if (input) {
        input.focus();
      }
    })
    .catch(function (error) {
      if (error && error.message === 'expired link') {
        showError("Ce lien a expiré ou n'est plus valable. Ouvrez l'assistance sans le lien et écrivez « mes demandes » pour retrouver vos demandes.");
        return;
      }
      showError("La connexion à l'assistant a échoué. Merci de recharger la page dans un instant.");
    });
})();
