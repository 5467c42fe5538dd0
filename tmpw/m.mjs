import { Worker } from 'node:worker_threads';
const boot = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(new URL('./w.ts', import.meta.url).href)});`;
const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)));
w.on('message', (m) => { console.log('got', m); w.terminate(); });
w.on('error', (e) => console.log('err', e));
