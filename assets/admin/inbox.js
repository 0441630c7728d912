// The dashboard's inbox: what debtors sent from their pages (already paid, disputes, call-back
// requests) for the selected campaign, newest first, each open or handled with who and when; a
// claim or dispute holds reminders until someone releases it.
// dashboard.js gives it its helpers; every value goes in as text, never as markup.
window.kindlyInbox = function (helpers) {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var el = helpers.el;
  var state = { campaignId: null, shown: null };
  var kindNames = { paid: 'Already paid', dispute: 'Dispute', callback: 'Call back' };
  var holds = { paid: 'paid_claim', dispute: 'dispute' };
  var done = { handle: 'Marked handled: ', reopen: 'Reopened: ', release: 'Hold released: ' };
  var reasons = { not_mine: 'not mine', wrong_amount: 'wrong amount', service_issue: 'service issue', other: 'other' };

  function when(iso) {
    var time = el('time', new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
    time.setAttribute('datetime', iso);
    return time;
  }

  function describe(response) {
    var data = response.data || {};
    if (response.kind === 'paid') return 'Paid on ' + data.paidOn + (data.reference ? ', reference ' + data.reference : '');
    if (response.kind === 'dispute') return 'Reason: ' + (reasons[data.reason] || data.reason) + (data.details ? ' — ' + data.details : '');
    return 'Call ' + data.phone + ' on ' + data.preferredDate + ', ' + data.preferredWindow;
  }

  function query() {
    var params = new URLSearchParams({ kind: $('inbox-kind').value });
    if ($('inbox-status').value) params.set('status', $('inbox-status').value);
    return '?' + params.toString();
  }

  function responsesPath() {
    return '/api/campaigns/' + encodeURIComponent(state.campaignId) + '/responses' + query();
  }

  // A claim or dispute holds the recipient's reminders until an operator releases it (handling does not).
  function drawHold(response) {
    var line = el('p', null, 'inbox-hold');
    line.setAttribute('data-hold', response.holdReleasedAt ? 'released' : 'holding');
    if (response.holdReleasedAt) {
      var by = response.holdReleasedBy;
      line.appendChild(document.createTextNode('Hold released by ' + (by.name ? by.name + ' with ' : '') + by.key + ', '));
      line.appendChild(when(response.holdReleasedAt));
      line.appendChild(document.createTextNode(': reminders may resume unless another claim holds them.'));
      return line;
    }
    line.appendChild(document.createTextNode('No reminders: hold ' + holds[response.kind] + ' in links.csv and the delivery kit. '));
    line.appendChild(actionButton(response, 'release', 'Release hold'));
    return line;
  }

  function actionButton(response, action, label) {
    var button = el('button', label);
    button.type = 'button';
    button.setAttribute('data-action', action);
    button.addEventListener('click', function () { act(response, action, button); });
    return button;
  }

  function drawItem(response) {
    var item = el('li', null, 'inbox-item ' + response.status);
    item.setAttribute('data-id', response.id);
    item.setAttribute('data-status', response.status);
    var head = el('p', null, 'inbox-head');
    head.appendChild(el('strong', kindNames[response.kind] || response.kind));
    head.appendChild(document.createTextNode(' · ' + response.recordId + ' · received '));
    head.appendChild(when(response.createdAt));
    item.appendChild(head);
    item.appendChild(el('p', describe(response), 'inbox-text'));
    if (holds[response.kind]) item.appendChild(drawHold(response));
    var line = el('p', null, 'inbox-state');
    if (response.status === 'handled') {
      var by = response.handledBy;
      line.appendChild(el('span', 'Handled', 'badge handled'));
      line.appendChild(document.createTextNode(' by ' + (by.name ? by.name + ' with ' : '') + by.key + ', '));
      line.appendChild(when(response.handledAt));
    } else {
      line.appendChild(el('span', 'Open', 'badge open'));
    }
    line.appendChild(document.createTextNode(' '));
    line.appendChild(response.status === 'handled' ? actionButton(response, 'reopen', 'Reopen') : actionButton(response, 'handle', 'Mark handled'));
    item.appendChild(line);
    return item;
  }

  function draw(body) {
    var list = helpers.clear($('inbox-list'));
    body.responses.forEach(function (response) { list.appendChild(drawItem(response)); });
    var open = body.responses.filter(function (response) { return response.status === 'open'; }).length;
    $('inbox-count').textContent = body.responses.length === 0 ? 'Nothing here.' : body.responses.length + ' shown, ' + open + ' open' + (body.next ? '; the newest ' + body.responses.length + ' only, export the CSV for all.' : '.');
  }

  function load(campaignId, force) {
    if (campaignId !== state.campaignId) { state.campaignId = campaignId; state.shown = null; }
    $('inbox').hidden = false;
    $('inbox-title').textContent = 'Inbox of ' + campaignId + ': what debtors said';
    var path = responsesPath();
    return helpers.api(path).then(function (body) {
      // A late answer to an older filter or campaign is dropped.
      if (path !== responsesPath()) return;
      // Redrawn only when something changed, so a button is never swapped under the pointer.
      var key = path + JSON.stringify(body);
      if (!force && key === state.shown) return;
      state.shown = key;
      draw(body);
    });
  }

  function act(response, action, button) {
    button.disabled = true;
    var name = $('inbox-by').value.trim();
    var init = action !== 'reopen' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(name ? { by: name } : {}) } : { method: 'POST' };
    helpers.api('/api/campaigns/' + encodeURIComponent(state.campaignId) + '/responses/' + response.id + '/' + action, init).then(function () {
      helpers.status(done[action] + (kindNames[response.kind] || response.kind) + ' from ' + response.recordId);
      return load(state.campaignId, true);
    }).catch(function (error) { button.disabled = false; helpers.status(error.message); });
  }

  $('inbox-by').value = localStorage.getItem('kindly-operator') || '';
  $('inbox-by').addEventListener('change', function () { localStorage.setItem('kindly-operator', $('inbox-by').value.trim()); });
  ['inbox-kind', 'inbox-status'].forEach(function (id) {
    $(id).addEventListener('change', function () { if (state.campaignId) load(state.campaignId, true).catch(function (error) { helpers.status(error.message); }); });
  });
  $('inbox-csv').addEventListener('click', function () { helpers.download('responses', query()); });

  return { load: load };
};
