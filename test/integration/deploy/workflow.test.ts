import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/site.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const workflow = fs.readFileSync(path.join(ROOT, '.github/workflows/deploy.yml'), 'utf8');

/** The fenced block that follows a heading in the README. */
function blockAfter(heading: string, lang: string): string {
  const at = readme.indexOf(`\n${heading}\n`);
  expect(at, heading).toBeGreaterThan(-1);
  const open = readme.indexOf(`\`\`\`${lang}\n`, at);
  const close = readme.indexOf('\n```', open + 1);
  return readme.slice(open + lang.length + 4, close + 1);
}

describe('the deploy section of the README', () => {
  it('shows exactly the workflow file of the repository', () => {
    expect(blockAfter('### GitHub Pages', 'yaml')).toBe(workflow);
  });

  it('the workflow installs, runs awning check and awning build, and publishes dist/ to GitHub Pages', () => {
    const steps = ['npm ci', 'npx awning check', 'npx awning build', 'actions/upload-pages-artifact', 'path: dist', 'actions/deploy-pages'];
    let from = 0;
    for (const s of steps) {
      const i = workflow.indexOf(s, from);
      expect(i, s).toBeGreaterThan(-1);
      from = i;
    }
    expect(workflow).toContain('--base-url "${{ steps.pages.outputs.base_url }}/"');
    expect(workflow).toContain('node-version: 20');
  });

  it('has Netlify, Cloudflare Pages and S3 + CloudFront variants, with cache headers and deploy previews', () => {
    for (const h of ['### Netlify', '### Cloudflare Pages', '### S3 + CloudFront', '### The base URL', '### Cache-friendly output']) expect(readme).toContain(`\n${h}\n`);
    expect(readme).toContain('DEPLOY_PRIME_URL');
    expect(readme).toContain('max-age=31536000, immutable');
    expect(readme).toContain('.changes.purge[]');
  });
});
