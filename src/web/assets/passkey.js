// Passkeys (WebAuthn) for two-factor sign-in. Only the pages that offer a
// passkey load this file; their forms stay hidden until it finds WebAuthn.
// It asks the server for options (JSON), lets the browser create or use the
// passkey, then submits the page's ordinary form with the answer in a hidden
// field: the server's answer is a normal page, as without JavaScript.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-passkey]');
  if (!forms.length || !window.PublicKeyCredential || !navigator.credentials || !window.fetch) return;

  function toBuffer(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withBuffers(list) {
    return (list || []).map(function (c) {
      return { id: toBuffer(c.id), type: c.type || 'public-key', transports: c.transports };
    });
  }

  function creationOptions(o) {
    var options = Object.assign({}, o, {
      challenge: toBuffer(o.challenge),
      user: Object.assign({}, o.user, { id: toBuffer(o.user.id) }),
      excludeCredentials: withBuffers(o.excludeCredentials),
    });
    return { publicKey: options };
  }

  function requestOptions(o) {
    return {
      publicKey: Object.assign({}, o, {
        challenge: toBuffer(o.challenge),
        allowCredentials: withBuffers(o.allowCredentials),
      }),
    };
  }

  function credentialJson(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: response,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
    });
  }

  function showError(form, message) {
    var box = form.querySelector('[data-passkey-error]');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }

  Array.prototype.forEach.call(forms, function (form) {
    var mode = form.getAttribute('data-passkey');
    form.hidden = false;
    var unavailable = document.querySelector('[data-passkey-unavailable]');
    if (unavailable) unavailable.hidden = true;
    var busy = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      var csrf = form.querySelector('input[name="_csrf"]');
      fetch(form.getAttribute('data-options-url'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': csrf ? csrf.value : '' },
      })
        .then(function (res) {
          if (!res.ok) throw new Error('options');
          return res.json();
        })
        .then(function (options) {
          return mode === 'register'
            ? navigator.credentials.create(creationOptions(options))
            : navigator.credentials.get(requestOptions(options));
        })
        .then(function (credential) {
          if (!credential) throw new Error('cancelled');
          form.querySelector('input[name="reponse"]').value = credentialJson(credential);
          form.submit();
        })
        .catch(function () {
          busy = false;
          showError(
            form,
            mode === 'register'
              ? 'La clé d’accès n’a pas été créée (annulé ou refusé). Vous pouvez réessayer.'
              : 'La clé d’accès n’a pas été utilisée (annulé ou refusé). Réessayez, ou tapez un code ci-dessous.',
          );
        });
    });
  });
})();
