import express from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import helmet from 'helmet';

/** Where the page loads ReDoc from: our own route, never a CDN. */
export const REDOC_BUNDLE_PATH = '/redoc/redoc.standalone.js';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * ReDoc from the pinned `redoc` package's standalone bundle, served by this API: the page works
 * with no internet and runs no third-party script. `<redoc spec-url>` starts it without any
 * inline script, so the page's policy allows scripts from this origin only.
 */
export function redocRouter(options: { title: string; specUrl: string }): express.Router {
  const packageDir = dirname(require.resolve('redoc/package.json'));
  const bundleFile = join(packageDir, 'bundles', 'redoc.standalone.js');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<redoc spec-url="${escapeHtml(options.specUrl)}"></redoc>
<script src="${REDOC_BUNDLE_PATH}?v=${escapeHtml(version)}"></script>
</body>
</html>
`;
  const router = express.Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // ReDoc's components add their styles at run time and its search runs in a worker it
          // builds from a blob; both come from the bundle itself, nothing from elsewhere.
          styleSrc: ["'self'", "'unsafe-inline'"],
          workerSrc: ["'self'", 'blob:'],
          // Also keeps the bundle's attribution logo (a CDN image) from ever being fetched.
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
    }),
  );
  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/redoc.standalone.js', (_req, res) => {
    // The URL carries the pinned version, so a browser may keep the 1 MB bundle a day.
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(bundleFile);
  });
  return router;
}
