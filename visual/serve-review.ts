// `npm run visual:review [-- --report DIR --baselines DIR --port N]`: the last visual report as a
// review page on this machine; accept, reject and undo there write the baselines and review.json.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gitReviewer, readSummary } from './review';
import { startReviewServer } from './review-server';

const { values } = parseArgs({
  options: {
    report: { type: 'string', default: 'visual-report' },
    baselines: { type: 'string', default: 'visual/baselines' },
    port: { type: 'string', default: '6007' },
  },
});
const folders = { report: resolve(values.report), baselines: resolve(values.baselines) };
try {
  const { stories, groups } = readSummary(folders.report);
  const open = stories.filter((story) => story.status === 'changed' || story.status === 'new' || story.status === 'removed').length;
  const server = await startReviewServer(folders, { reviewer: gitReviewer(), port: Number(values.port) });
  console.log(`Review ${open} capture(s) to decide in ${groups.length} group(s) at ${server.url} (Ctrl+C stops).`);
} catch (error) {
  console.error(`visual:review: ${(error as Error).message}`);
  process.exit(2);
}
