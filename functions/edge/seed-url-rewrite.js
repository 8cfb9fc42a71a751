// CloudFront Function (cloudfront-js-2.0), viewer request. The local server
// runs this very file (lib/edge/seed-url-rewrite.ts loads it), so the seed-000
// URLs behave the same locally and behind CloudFront.
//
//   /api/v1/customers?id=201                                 -> /api/v1/customers/201
//   /api/v1/customers?id=201&locations=1                     -> /api/v1/customers/201/locations
//   /api/v1/customers?id=201&locations=1&location_id=87      -> /api/v1/customers/201/locations/87
//
// Every other query parameter (include, search, page, ...) passes through.
// Keep to the CloudFront JS 2.0 subset: no modules, no Node APIs.
function handler(event) {
  var request = event.request;
  var uri = request.uri.replace(/\/+$/, '');
  var qs = request.querystring;
  var first = function (p) {
    return p.multiValue && p.multiValue.length ? p.multiValue[0].value : p.value;
  };
  // An empty id names nothing: left in the query, the handler rejects it
  // (`?id=` must not turn into the list of every customer).
  var given = function (p) {
    return p !== undefined && first(p) !== '';
  };
  if (uri !== '/api/v1/customers' || !qs || !given(qs.id)) {
    return request;
  }
  var path = uri + '/' + encodeURIComponent(first(qs.id));
  delete qs.id;
  if (qs.locations && first(qs.locations) === '1') {
    path += '/locations';
    delete qs.locations;
    if (given(qs.location_id)) {
      path += '/' + encodeURIComponent(first(qs.location_id));
      delete qs.location_id;
    }
  }
  request.uri = path;
  return request;
}
