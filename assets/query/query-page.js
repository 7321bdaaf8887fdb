// The query page: YASGUI over this server's /sparql, fed with our prefixes, ontology terms and named-query examples.
// Loaded as an external script (strict CSP: no inline code); its configuration is a JSON data block in the page.
/* global Yasgui */
(function () {
  'use strict';
  var configEl = document.getElementById('query-config');
  var mount = document.getElementById('yasgui');
  if (!configEl || !mount || typeof Yasgui === 'undefined') return;
  var config = JSON.parse(configEl.textContent || '{}');
  var endpoint = new URL(config.endpoint || '/sparql', window.location.href).href;
  var Yasqe = Yasgui.Yasqe;

  // Local completers only: the stock "class"/"property" completers ask LOV and "prefixes" may ask prefix.cc.
  var prefixStrings = Object.keys(config.prefixes || {}).map(function (p) {
    return p + ': <' + config.prefixes[p] + '>';
  });
  Yasqe.forkAutocompleter('prefixes', { name: 'osce-prefixes', bulk: true, persistenceId: null, get: function () { return prefixStrings; } }, false);
  Yasqe.forkAutocompleter('class', { name: 'osce-classes', bulk: true, persistenceId: null, get: function () { return config.classes || []; } }, false);
  Yasqe.forkAutocompleter('property', { name: 'osce-properties', bulk: true, persistenceId: null, get: function () { return config.properties || []; } }, false);
  var completers = ['osce-prefixes', 'variables', 'osce-classes', 'osce-properties'];
  Yasqe.defaults.autocompleters = completers.slice();
  Yasqe.defaults.prefixCcApi = null;

  var examples = config.examples || [];
  var first = examples[0];
  var fromUrl = new URLSearchParams(window.location.search).has('query');
  // a permalink (/q/{id}) brings its query, which opens and runs instead of the first example
  var opened = config.open;

  var yasgui = new Yasgui(mount, {
    requestConfig: { endpoint: endpoint, method: 'POST' },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: true,
    autofocus: false,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
      renderItem: function (data, source) {
        var span = document.createElement('span');
        span.textContent = data.value.endpoint;
        source.appendChild(span);
      },
    },
    yasqe: { autocompleters: completers, prefixCcApi: null, persistenceId: null, value: opened ? opened.query : first ? first.query : '' },
    yasr: { persistenceId: null, defaultPlugin: 'table' },
  });

  // exposed for scripting and browser tests
  window.osceYasgui = yasgui;

  function runExample(example) {
    var tab = yasgui.getTab();
    if (!tab) return;
    tab.setName(example.title.slice(0, 40));
    tab.setQuery(example.query);
    tab.query().catch(function () { /* YASR shows the error */ });
    var status = document.getElementById('example-status');
    if (status) status.textContent = 'Running example: ' + example.title;
  }

  document.querySelectorAll('[data-example]').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-example');
      var example = examples.filter(function (e) { return e.name === name; })[0];
      if (example) runExample(example);
    });
  });

  // Permalinks: the editor's query is stored by its hash (POST /q) and its short link shown.
  var share = document.getElementById('share-query');
  var shareStatus = document.getElementById('share-status');
  if (share && shareStatus) {
    share.addEventListener('click', function () {
      var tab = yasgui.getTab();
      if (!tab) return;
      shareStatus.textContent = 'Making the permalink…';
      fetch('/q', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/json' }, body: tab.getQuery() })
        .then(function (res) {
          return res.json().then(function (body) {
            if (!res.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
            return body;
          });
        })
        .then(function (body) {
          shareStatus.textContent = '';
          var link = document.createElement('a');
          link.href = body.url;
          link.textContent = body.url;
          link.id = 'share-link';
          shareStatus.appendChild(link);
          if (navigator.clipboard) navigator.clipboard.writeText(body.url).catch(function () {});
        })
        .catch(function (error) { shareStatus.textContent = 'No permalink: ' + error.message; });
    });
  }

  // The page opens with the first example and runs it, unless a permalink or a shared URL brought its own query.
  if (opened) {
    var openedTab = yasgui.getTab();
    if (openedTab) {
      openedTab.setName('Permalink ' + opened.id);
      openedTab.setQuery(opened.query);
      openedTab.query().catch(function () {});
    }
  } else if (first && !fromUrl) runExample(first);
  else if (fromUrl) {
    var tab = yasgui.getTab();
    if (tab) tab.query().catch(function () {});
  }
})();
