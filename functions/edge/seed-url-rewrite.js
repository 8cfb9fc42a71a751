// CloudFront Function (cloudfront-js-2.0), viewer request. The local server
// runs this very file (lib/edge/seed-url-rewrite.ts loads it), so the seed-000
// URLs behave the same locally and behind CloudFront.
//
//   /api/v1/customers?id=201                                 -> /api/v1/customers/201
//   /api/v1/customers?id=201&locations=1                     -> /api/v1/customers/201/locations
//   /api/v1/customers?id=201&locations=1&location_id=87      -> /api/v1/customers/201/locations/87
//
// Every other query parameter (include, search, page, ...) passes through.
// A rewritten request carries the seed URL it came from in the
// x-fieldbook-seed-url header, so an error (405) can name what the client sent;
// a client's own value of that header is always dropped.
// Keep to the CloudFront JS 2.0 subset: no modules, no Node APIs.
function handler(event) {
  var request = event.request;
  var uri = request.uri.replace(/\/+$/, '');
  var qs = request.querystring;
  if (request.headers) {
    delete request.headers['x-fieldbook-seed-url'];
  }
  var first = function (p) {
    return p.multiValue && p.multiValue.length ? p.multiValue[0].value : p.value;
  };
  var repeated = function (p) {
    return !!(p.multiValue && p.multiValue.length > 1);
  };
  // An empty id names nothing: left in the query, the handler rejects it
  // (`?id=` must not turn into the list of every customer).
  var given = function (p) {
    return p !== undefined && first(p) !== '';
  };
  // A repeated seed parameter stays in the query too: the path is built from
  // its first value so the request reaches the right route, where a repeated
  // parameter is a 400 naming it, never a silent pick of one value.
  var consume = function (name) {
    if (!repeated(qs[name])) {
      delete qs[name];
    }
  };
  if (uri !== '/api/v1/customers' || !qs || !given(qs.id)) {
    return request;
  }
  var id = encodeURIComponent(first(qs.id));
  var path = uri + '/' + id;
  var seedUrl = request.uri + '?id=' + id;
  consume('id');
  if (qs.locations && first(qs.locations) === '1') {
    path += '/locations';
    seedUrl += '&locations=1';
    consume('locations');
    if (given(qs.location_id)) {
      var locationId = encodeURIComponent(first(qs.location_id));
      path += '/' + locationId;
      seedUrl += '&location_id=' + locationId;
      consume('location_id');
    }
  }
  request.uri = path;
  if (request.headers) {
    request.headers['x-fieldbook-seed-url'] = { value: seedUrl };
  }
  return request;
}
