// The Kindly dashboard: reads the admin API with the key given in the form (kept for this tab),
// and draws its charts as inline SVG. Every value goes in as text, never as markup.
(function () {
  'use strict';
  var svgNs = 'http://www.w3.org/2000/svg';
  var state = { key: sessionStorage.getItem('kindly-key'), selected: null, timer: null };
  var $ = function (id) { return document.getElementById(id); };

  function api(path, init) {
    init = init || {};
    init.headers = Object.assign({ authorization: 'Bearer ' + state.key }, init.headers || {});
    return fetch(path, init).then(function (response) {
      if (response.status === 401) { sessionStorage.removeItem('kindly-key'); showLogin('That key was refused.'); throw new Error('unauthorised'); }
      if (!response.ok) return response.json().then(function (body) { throw new Error(body.error || response.statusText); });
      return (response.headers.get('content-type') || '').indexOf('json') >= 0 ? response.json() : response.text();
    });
  }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function svg(tag, attributes, text) {
    var node = document.createElementNS(svgNs, tag);
    for (var name in attributes) node.setAttribute(name, String(attributes[name]));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function percent(rate) { return (rate * 100).toFixed(1) + ' %'; }
  function status(text) { $('status').textContent = text; }

  function showLogin(message) {
    $('app').hidden = true;
    $('login').hidden = false;
    status(message || '');
  }

  var steps = [['issued', 'Links issued'], ['opened', 'Opened'], ['viewed', 'Viewed'], ['played', 'Played'], ['reached50', 'Watched 50 %'], ['completed', 'Completed'], ['clicked', 'Clicked'], ['planChosen', 'Plan chosen'], ['paid', 'Paid']];

  function drawFunnel(funnel) {
    var chart = clear($('funnel-chart'));
    var width = 480, row = 26, label = 110, height = steps.length * row + 6;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    var top = Math.max(1, funnel.issued);
    steps.forEach(function (step, index) {
      var value = funnel[step[0]] || 0;
      var y = index * row + 3;
      var barWidth = Math.round(((width - label - 70) * value) / top);
      chart.appendChild(svg('text', { x: 0, y: y + 15 }, step[1]));
      chart.appendChild(svg('rect', { x: label, y: y, width: barWidth, height: row - 8, 'class': step[0] === 'paid' ? 'bar paid' : 'bar', 'data-step': step[0], 'data-value': value }));
      chart.appendChild(svg('text', { x: label + barWidth + 6, y: y + 15, 'data-label': step[0] }, value));
    });
  }

  function drawRetention(retention) {
    var chart = clear($('retention-chart'));
    var width = 480, height = 200, left = 34, bottom = 22;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    var seconds = retention.seconds;
    var top = Math.max(1, retention.viewers);
    chart.appendChild(svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, 'class': 'axis' }));
    chart.appendChild(svg('line', { x1: left, y1: 0, x2: left, y2: height - bottom, 'class': 'axis' }));
    chart.appendChild(svg('text', { x: 0, y: 12 }, top));
    chart.appendChild(svg('text', { x: 0, y: height - bottom }, 0));
    chart.appendChild(svg('text', { x: width - 40, y: height - 4 }, seconds.length + ' s'));
    if (seconds.length === 0) { chart.appendChild(svg('text', { x: left + 10, y: 40 }, 'No one has watched yet')); return; }
    var step = (width - left) / seconds.length;
    var points = seconds.map(function (count, second) {
      var x = left + step * (second + 0.5);
      var y = (height - bottom) - ((height - bottom - 6) * count) / top;
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    chart.appendChild(svg('polyline', { points: points.join(' '), 'class': 'curve', 'data-viewers': retention.viewers }));
  }

  function fillTable(id, rows) {
    var body = clear($(id).tBodies[0]);
    rows.forEach(function (cells) {
      var tr = document.createElement('tr');
      cells.forEach(function (cell) { tr.appendChild(el('td', cell)); });
      body.appendChild(tr);
    });
    return body;
  }

  // Money: one line per currency, as the API formatted it (amounts of different currencies never add up).
  function recoveredRows(amounts) {
    if (!amounts || amounts.length === 0) return [['Recovered', 'Nothing owed.']];
    return amounts.map(function (total) { return ['Recovered (' + total.currency + ')', total.paidText + ' of ' + total.owedText + ' (' + percent(total.recoveryRate) + ')']; });
  }
  function describeRecovered(amounts) {
    return (amounts || []).map(function (total) { return total.paidText + ' of ' + total.owedText; }).join(' · ') || '–';
  }

  // Survey: answers, average and per score; on a 0–10 scale the Net Promoter Score with its counts.
  function describeSurvey(survey) {
    if (!survey || survey.responses === 0) return 'No answers yet.';
    if (survey.scale === 'mixed') return survey.responses + ' answers on different scales; see each variant.';
    var count = function (n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); };
    var text = count(survey.responses, 'answer') + ', average score ' + survey.average + ' (' + Object.keys(survey.scores).map(function (score) { return score + ': ' + survey.scores[score]; }).join(', ') + ')';
    var nps = survey.nps;
    if (nps) text += '; Net Promoter Score ' + (nps.score > 0 ? '+' : '') + nps.score + ' (' + count(nps.promoters, 'promoter') + ', ' + count(nps.passives, 'passive') + ', ' + count(nps.detractors, 'detractor') + ')';
    return text;
  }

  function showAnalytics(id, analytics) {
    var funnel = analytics.funnel;
    drawFunnel(funnel);
    drawRetention(analytics.retention);
    var conversions = clear($('conversions'));
    [['Paid', funnel.paid + ' of ' + funnel.issued + ' (' + percent(funnel.recoveryRate) + ')']].concat(recoveredRows(analytics.amounts), [['Viewers with watch data', analytics.retention.viewers]]).forEach(function (pair) {
      conversions.appendChild(el('dt', pair[0]));
      conversions.appendChild(el('dd', pair[1]));
    });
    fillTable('variants', analytics.variants.map(function (variant) {
      var f = variant.funnel;
      return [variant.id, variant.template, f.issued, f.viewed, f.clicked, f.paid + ' (' + percent(f.recoveryRate) + ')', describeRecovered(variant.amounts), describeSurvey(variant.survey)];
    }));
    var verdicts = clear($('verdicts'));
    analytics.comparisons.forEach(function (comparison) { verdicts.appendChild(el('li', comparison.verdict, comparison.significant ? 'significant' : '')); });
    if (analytics.variants.length === 0) verdicts.appendChild(el('li', 'This campaign has no A/B variants.'));
    $('survey').textContent = describeSurvey(analytics.survey);
    var flagged = [];
    Object.keys(analytics.flagged).forEach(function (reason) {
      Object.keys(analytics.flagged[reason]).forEach(function (type) { flagged.push(reason + ' ' + type + ': ' + analytics.flagged[reason][type]); });
    });
    $('flagged').textContent = flagged.length === 0 ? 'Nothing.' : flagged.join(' · ');
    if (analytics.expiredAt) status('Personal event data deleted on ' + analytics.expiredAt.slice(0, 10) + '; these are the kept aggregates.');
  }

  function showFailures(id, failures) {
    fillTable('failures', failures.map(function (failure) { return [failure.recordId, failure.row, failure.attempts, failure.error]; }));
    $('retry').hidden = failures.length === 0;
  }

  function loadDetail() {
    var id = state.selected;
    if (!id) return Promise.resolve();
    $('detail').hidden = false;
    $('detail-title').textContent = id;
    return Promise.all([api('/api/campaigns/' + encodeURIComponent(id) + '/analytics'), api('/api/campaigns/' + encodeURIComponent(id) + '/failures')]).then(function (results) {
      showAnalytics(id, results[0]);
      showFailures(id, results[1].failures);
    });
  }

  function loadCampaigns() {
    return api('/api/campaigns').then(function (body) {
      return Promise.all(body.campaigns.map(function (campaign) { return api('/api/campaigns/' + encodeURIComponent(campaign.id)); }));
    }).then(function (campaigns) {
      var tbody = clear($('campaigns').tBodies[0]);
      campaigns.forEach(function (campaign) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-id', campaign.id);
        if (campaign.id === state.selected) tr.className = 'selected';
        var progress = campaign.progress || { percent: 0, published: 0, failed: 0 };
        [campaign.id, campaign.status, progress.published, progress.failed].forEach(function (cell) { tr.appendChild(el('td', cell)); });
        var bar = el('span');
        bar.style.width = Math.min(100, progress.percent) + '%';
        var track = el('span', null, 'progress');
        track.appendChild(bar);
        var cell = el('td');
        cell.appendChild(track);
        cell.appendChild(document.createTextNode(' ' + progress.percent + ' %'));
        tr.appendChild(cell);
        tr.addEventListener('click', function () { state.selected = campaign.id; refresh(); });
        tbody.appendChild(tr);
      });
      if (!state.selected && campaigns.length > 0) state.selected = campaigns[0].id;
    });
  }

  function loadInbox() {
    return state.selected ? inbox.load(state.selected) : undefined;
  }

  function refresh() {
    return loadCampaigns().then(loadDetail).then(loadInbox).then(function () { status('Updated ' + new Date().toLocaleTimeString('en-GB')); }, function (error) { if (error.message !== 'unauthorised') status(error.message); });
  }

  function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    refresh();
    clearInterval(state.timer);
    state.timer = setInterval(refresh, 5000);
  }

  function download(kind, query) {
    var id = state.selected;
    api('/api/campaigns/' + encodeURIComponent(id) + '/' + kind + '.csv' + (query || '')).then(function (text) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      link.download = id + '-' + kind + '.csv';
      link.click();
    });
  }

  var inbox = window.kindlyInbox({ api: api, el: el, clear: clear, download: download, status: status });

  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    state.key = $('key').value;
    sessionStorage.setItem('kindly-key', state.key);
    start();
  });
  $('funnel-csv').addEventListener('click', function () { download('funnel'); });
  $('outcomes-csv').addEventListener('click', function () { download('outcomes'); });
  $('retry').addEventListener('click', function () {
    api('/api/campaigns/' + encodeURIComponent(state.selected) + '/retry', { method: 'POST' }).then(function (body) { status('Queued again: ' + body.requeued); return loadDetail(); }, function (error) { status(error.message); });
  });
  if (state.key) start(); else showLogin();
})();
