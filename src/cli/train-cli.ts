/**
 * `npm run train`: one training command for both networks.
 *
 *   --model gan    (default) the ChromaGAN generator and critic: ./train.ts, every phase
 *   --model score  the Langevin score network: ./train-score.ts. It trains from the GAN's
 *                  feature cache, so `--phase cache` still builds that cache with ./train.ts,
 *                  and `--phase train` (or no --phase) trains the score network.
 */
const argv = process.argv;

function takeOption(name: string): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        console.error(`train: --${name} needs a value`);
        process.exit(2);
      }
      return argv.splice(i, 2)[1];
    }
    if (arg.startsWith(`--${name}=`)) return argv.splice(i, 1)[0]!.slice(name.length + 3);
  }
  return undefined;
}

const model = takeOption('model') ?? 'gan';
if (model === 'gan') {
  await import('./train');
} else if (model === 'score') {
  const phase = takeOption('phase');
  if (phase === 'cache') {
    argv.push('--phase', 'cache');
    await import('./train');
  } else if (phase === undefined || phase === 'train') {
    await import('./train-score');
  } else {
    console.error(`train: --model score has the phases cache and train, not "${phase}"`);
    process.exit(2);
  }
} else {
  console.error(`train: --model must be gan or score, got "${model}"`);
  process.exit(2);
}
export {};
