// serverless.yml `package.patterns`: the stage's JSON config and every Sigma rule
// file of its `sigma.paths` (resolved against config/, as the function resolves them).
// Paths must stay inside the project: the package holds only project files.
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { join, relative, resolve, sep } = require('node:path');

function ruleFiles(full, out, top) {
  const info = statSync(full);
  if (info.isDirectory()) for (const e of readdirSync(full).sort()) ruleFiles(join(full, e), out, false);
  else if (top || /\.ya?ml$/i.test(full)) out.push(full);
  return out;
}

/** The Sigma rule files of a stage, relative to the project root (posix separators). */
function sigmaFiles(root, stage) {
  const { parse } = require('yaml');
  const stageFile = join(root, 'config', `${stage}.yml`);
  const config = parse(readFileSync(stageFile, 'utf8')) ?? {};
  const paths = (config.sigma?.paths) || [];
  const files = [];
  for (const p of paths) {
    const full = resolve(root, 'config', p);
    const rel = relative(root, full);
    if (rel.startsWith('..')) throw new Error(`${stageFile}: sigma.paths entry "${p}" is outside the project; put the rules under config/`);
    for (const f of ruleFiles(full, [], true)) files.push(relative(root, f).split(sep).join('/'));
  }
  return files;
}

module.exports = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  return ['!**', `config/${stage}.json`, ...sigmaFiles(process.cwd(), stage)];
};
module.exports.sigmaFiles = sigmaFiles;
