// The template studio: a form generated from the template's record schema, copy editing per
// locale, and a preview (live player, microsite, scene stills) that follows every edit.
// Text from records and copy is only ever set as text or values, never as markup.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var state = { templates: [], template: null, locale: '', edits: {}, sequence: 0, timer: 0 };

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) {
      if (key === 'dataset') Object.assign(node.dataset, properties.dataset);
      else if (key in node) node[key] = properties[key];
      else node.setAttribute(key, properties[key]);
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
    }).then(function (response) {
      return response.json().then(function (json) { return { status: response.status, json: json }; });
    });
  }

  function setStatus(text) { $('status').textContent = text; }

  function fillSelect(select, options) {
    select.replaceChildren.apply(select, options.map(function (option) { return element('option', { value: option.value, textContent: option.label }); }));
  }

  // One input per record field, from the JSON Schema of the template's zod schema (locale is picked above, copy below).
  function buildRecordForm() {
    var template = state.template;
    var properties = template.recordSchema.properties || {};
    var form = $('record-form');
    form.replaceChildren();
    template.fields.filter(function (field) { return field !== 'locale' && properties[field]; }).forEach(function (field) {
      var schema = properties[field];
      var id = 'field-' + field;
      var control = schema.enum
        ? element('select', { id: id, name: field }, schema.enum.map(function (value) { return element('option', { value: value, textContent: value }); }))
        : element('input', { id: id, name: field, type: 'text', inputMode: schema.type === 'number' ? 'decimal' : 'text', maxLength: schema.maxLength || 500 });
      control.setAttribute('aria-describedby', id + '-error');
      var required = template.requiredFields.indexOf(field) >= 0;
      form.append(element('label', { htmlFor: id }, [field + (required ? ' *' : ''), control]), element('p', { id: id + '-error', className: 'field-error', dataset: { errorFor: field } }));
    });
  }

  function applyPreset(index) {
    var example = state.template.examples[index] || {};
    Array.prototype.forEach.call($('record-form').elements, function (control) { control.value = example[control.name] == null ? '' : String(example[control.name]); });
    if (example.locale && state.template.locales.indexOf(example.locale) >= 0 && example.locale !== state.locale) {
      $('locale').value = example.locale;
      selectLocale(example.locale);
    }
  }

  // A copy key as people read it: its name, and the placeholders its text may use.
  function copyLabel(key) {
    var label = state.template.copyLabels[key] || { name: key, placeholders: [] };
    var hint = label.placeholders.length > 0 ? ' — may use ' + label.placeholders.join(', ') : '';
    return [element('span', { className: 'copy-name', textContent: label.name }), element('span', { className: 'copy-hint', textContent: hint })];
  }

  // One text box per copy key of the chosen locale; only texts that differ from the built-in copy are edits.
  function buildCopyForm() {
    var builtIn = state.template.copy[state.locale] || {};
    var edits = (state.edits[state.locale] = state.edits[state.locale] || {});
    var form = $('copy-form');
    form.replaceChildren();
    $('copy-locale').textContent = '(' + state.locale + ')';
    Object.keys(builtIn).forEach(function (key) {
      var id = 'copy-' + key;
      var box = element('textarea', { id: id, name: key, rows: 1, value: key in edits ? edits[key] : builtIn[key] });
      box.setAttribute('aria-describedby', id + '-error');
      form.append(element('label', { htmlFor: id, dataset: { copyKey: key } }, copyLabel(key).concat([box])), element('p', { id: id + '-error', className: 'field-error', dataset: { errorFor: 'copy.' + key } }));
    });
  }

  function onCopyInput(event) {
    var key = event.target.name;
    var edits = state.edits[state.locale];
    if (event.target.value === state.template.copy[state.locale][key]) delete edits[key];
    else edits[key] = event.target.value;
    schedulePreview();
  }

  function readRecord() {
    var record = {};
    Array.prototype.forEach.call($('record-form').elements, function (control) { record[control.name] = control.value; });
    return record;
  }

  function showProblems(problems) {
    document.querySelectorAll('[data-error-for]').forEach(function (node) { node.textContent = ''; });
    document.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
    problems.forEach(function (problem) {
      var target = document.querySelector('[data-error-for="' + CSS.escape(problem.field) + '"]');
      var text = problem.problem + (problem.fix ? '; ' + problem.fix : '');
      if (!target) { setStatus(problem.field + ': ' + text); return; }
      target.textContent = target.textContent ? target.textContent + ' ' + text : text;
      var control = document.getElementById(target.id.replace(/-error$/, ''));
      if (control) control.setAttribute('aria-invalid', 'true');
    });
  }

  // An edit makes any preview still on its way out of date: only the latest one is shown.
  function schedulePreview() {
    state.sequence += 1;
    document.body.dataset.preview = 'pending';
    clearTimeout(state.timer);
    state.timer = setTimeout(preview, 250);
  }

  function preview() {
    var sequence = ++state.sequence;
    var body = { templateId: state.template.id, locale: state.locale, record: readRecord(), copy: state.edits[state.locale] || {} };
    setStatus('Updating the preview…');
    api('POST', '/api/studio/preview', body).then(function (result) {
      if (sequence !== state.sequence) return;
      if (result.status === 422) {
        showProblems(result.json.problems);
        document.body.dataset.preview = 'invalid';
        setStatus('Fix the marked fields to see the preview.');
        return;
      }
      if (result.status !== 200) { setStatus(result.json.message || result.json.error || 'The preview failed'); return; }
      showProblems([]);
      showPreview(result.json, sequence);
    }, function () { setStatus('The studio API did not answer; is kindly serve running?'); });
  }

  function showPreview(preview, sequence) {
    $('microsite').src = preview.micrositeUrl;
    $('stills').replaceChildren.apply($('stills'), preview.stills.map(function (still) {
      return element('figure', {}, [element('img', { src: still.url, alt: 'Scene ' + still.scene + ', frame ' + still.frame, width: state.template.width, height: state.template.height, dataset: { scene: still.scene } }), element('figcaption', { textContent: still.scene + ' · frame ' + still.frame })]);
    }));
    var player = $('player');
    window.kindlyPlayer.mount(player, { templateId: state.template.id, props: preview.props, staticBase: document.body.dataset.staticBase }).then(function (handle) {
      if (sequence !== state.sequence) return;
      handle.pause();
      player.dataset.state = 'ready';
      document.body.dataset.preview = 'ready';
      setStatus('Preview up to date.');
    }, function (error) { setStatus(String(error.message || error)); });
  }

  function loadVersions() {
    api('GET', '/api/studio/templates/' + encodeURIComponent(state.template.id) + '/versions').then(function (result) {
      var list = $('versions');
      var items = (result.json.versions || []).map(function (version) {
        return element('li', { dataset: { label: version.label }, textContent: version.label + ' · ' + new Date(version.createdAt).toLocaleString() + (version.note ? ' · ' + version.note : '') });
      });
      items.push(element('li', { textContent: result.json.builtIn + ' · built-in copy' }));
      list.replaceChildren.apply(list, items);
    });
  }

  function saveVersion() {
    var copy = {};
    Object.keys(state.edits).forEach(function (locale) { if (Object.keys(state.edits[locale]).length > 0) copy[locale] = state.edits[locale]; });
    api('POST', '/api/studio/templates/' + encodeURIComponent(state.template.id) + '/versions', { copy: copy, note: $('version-note').value }).then(function (result) {
      if (result.status === 201) {
        $('save-result').textContent = 'Saved as version ' + result.json.version.label + '. New campaigns can name it as templateVersion.';
        loadVersions();
      } else {
        $('save-result').textContent = result.json.message || result.json.error;
      }
    });
  }

  function selectLocale(locale) {
    state.locale = locale;
    buildCopyForm();
    schedulePreview();
  }

  function selectTemplate(id) {
    state.template = state.templates.filter(function (template) { return template.id === id; })[0];
    state.edits = {};
    fillSelect($('locale'), state.template.locales.map(function (locale) { return { value: locale, label: locale }; }));
    fillSelect($('preset'), state.template.examples.map(function (example, index) { return { value: String(index), label: 'Example ' + (index + 1) + ' (' + (example.locale || state.template.locales[0]) + ')' }; }));
    state.locale = state.template.locales[0];
    buildRecordForm();
    buildCopyForm();
    applyPreset(0);
    loadVersions();
    schedulePreview();
  }

  $('template').addEventListener('change', function (event) { selectTemplate(event.target.value); });
  $('locale').addEventListener('change', function (event) { selectLocale(event.target.value); });
  $('preset').addEventListener('change', function (event) { applyPreset(Number(event.target.value)); schedulePreview(); });
  $('record-form').addEventListener('input', schedulePreview);
  $('copy-form').addEventListener('input', onCopyInput);
  $('save-version').addEventListener('click', saveVersion);

  api('GET', '/api/studio/templates').then(function (result) {
    state.templates = result.json.templates;
    fillSelect($('template'), state.templates.map(function (template) { return { value: template.id, label: template.title }; }));
    selectTemplate(state.templates[0].id);
  }, function () { setStatus('The studio API did not answer.'); });
})();
