// "Dokumente" of pforte-epa (manual 003 §4.4): what a script adds to pages that work without one.
//  - "alle auswählen" checks and unchecks every document of the page (without a script the server
//    takes the checked box as "every document of this page");
//  - "Dokument hinzufügen" sends the form with XMLHttpRequest and shows the upload's progress; the
//    server's answer is the same as to the plain form: the list (followed there) or the form again
//    with its messages at the fields (put in place of this one).
(function () {
  'use strict';

  var all = document.getElementById('docs-alle');
  if (all) {
    var boxes = function () {
      return Array.prototype.slice.call(document.querySelectorAll('input[type=checkbox][name=dokument]'));
    };
    all.addEventListener('change', function () {
      boxes().forEach(function (box) {
        box.checked = all.checked;
      });
    });
    document.addEventListener('change', function (event) {
      var target = event.target;
      if (!target || target.name !== 'dokument') return;
      var list = boxes();
      var checked = list.filter(function (box) {
        return box.checked;
      }).length;
      // "alle" stays checked only while every box is; a box unchecked means the boxes count, not "alle"
      all.checked = checked === list.length;
      all.indeterminate = checked > 0 && checked < list.length;
    });
  }

  function enhanceUpload() {
    var form = document.querySelector('form.docs-upload');
    if (!form || !('XMLHttpRequest' in window) || !('FormData' in window)) return;
    var frame = form.querySelector('.docs-progress');
    var bar = form.querySelector('progress');
    var status = form.querySelector('.docs-progress-status');
    var running = false;
    var say = function (text) {
      if (status) status.textContent = text;
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (running) return;
      running = true;
      form.setAttribute('aria-busy', 'true');
      if (frame) frame.hidden = false;
      if (bar) bar.value = 0;
      say('Hochladen …');
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.responseType = 'document';
      request.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable || !bar) return;
        bar.value = Math.round((e.loaded / e.total) * 100);
        say(bar.value < 100 ? 'Hochladen … ' + bar.value + ' %' : 'Das Dokument wird in Ihre ePA übertragen …');
      });
      var failed = function () {
        running = false;
        form.removeAttribute('aria-busy');
        if (frame) frame.hidden = true;
        say('Das Hochladen ist fehlgeschlagen. Bitte versuchen Sie es erneut.');
      };
      request.addEventListener('load', function () {
        var answer = request.response;
        var path = request.responseURL ? new URL(request.responseURL).pathname : '';
        if (request.status === 200 && path === '/epa/dokumente') {
          window.location.assign(request.responseURL);
          return;
        }
        var main = answer && answer.querySelector ? answer.querySelector('main') : null;
        var here = document.querySelector('main');
        if (!main || !here) {
          failed();
          return;
        }
        // the form again, with the messages at its fields (or the page that says what happened)
        here.innerHTML = main.innerHTML;
        if (answer.title) document.title = answer.title;
        enhanceUpload();
        var first = here.querySelector('.error-summary a, [aria-invalid=true]');
        if (first) first.focus();
      });
      request.addEventListener('error', failed);
      request.addEventListener('abort', failed);
      request.send(new FormData(form));
    });
  }
  enhanceUpload();
})();
