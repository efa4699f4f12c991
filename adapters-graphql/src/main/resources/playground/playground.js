// Starts GraphiQL against Keyward's GraphQL endpoint. The headers pane opens with a placeholder
// for the key (as Panther's playground does) and is never saved to local storage: it holds a secret.
(function () {
  var container = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: container.getAttribute('data-endpoint') });
  var defaultQuery = [
    '# Put your key in the Headers pane below, then run:',
    'query {',
    '  apiToken(id: "self") {',
    '    id',
    '    name',
    '    permissions',
    '    expiresAt',
    '  }',
    '}',
    ''
  ].join('\n');
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    headers: JSON.stringify({ 'X-API-Key': '<ENTER_YOUR_KEY_HERE>' }, null, 2),
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers'
  }));
})();
