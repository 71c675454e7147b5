"""How the web client's files travel to the browser: compressed, cached, revalidated.

Flet serves flet-web's files (the Flutter engine: `main.dart.js`, CanvasKit,
about 15 MB) uncompressed and without `Cache-Control`, so a phone downloads
them again on every visit. Here (issue 17):

* `engine_urls`: the engine is loaded from `/_v/<key>/...`, a path that
  changes whenever any file under it can change (flet-web, the fonts, the
  repo's assets), so those files can be cached for a year;
* `precompressed`: brotli and gzip copies of flet-web's large files, made
  once per flet-web version in the user's cache folder;
* `encoding`: which copy an `Accept-Encoding` header gets;
* `cache_policy`: which `Cache-Control` a response gets;
* `static_policy`: the ASGI middleware around Flet's app that applies them.
"""
