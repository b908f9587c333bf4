import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/index.ts';
import { type AcParams, acParamError, almgrenChriss } from '../execution/index.ts';

type AcArgs = AcParams & { json?: boolean };

export const acCommand: CommandModule<object, AcArgs> = {
  command: 'ac',
  describe: 'Almgren–Chriss optimal trajectory (units of the original paper)',
  builder: (y: Argv) =>
    y
      .option('shares', { type: 'number', demandOption: true, describe: 'X, shares to trade' })
      .option('horizon', { type: 'number', demandOption: true, describe: 'T, in time units' })
      .option('periods', { type: 'number', demandOption: true, describe: 'N, trading periods' })
      .option('sigma', { type: 'number', demandOption: true, describe: 'σ, volatility per √time unit' })
      .option('eta', { type: 'number', demandOption: true, describe: 'η, temporary impact per share' })
      .option('gamma', { type: 'number', demandOption: true, describe: 'γ, permanent impact per share' })
      .option('epsilon', { type: 'number', default: 0, describe: 'ε, fixed cost per share' })
      .option('lambda', { type: 'number', demandOption: true, describe: 'λ, risk aversion' })
      .option('json', { type: 'boolean', describe: 'print JSON' }) as unknown as Argv<AcArgs>,
  handler: (a) => {
    const p: AcParams = {
      shares: a.shares,
      horizon: a.horizon,
      periods: a.periods,
      sigma: a.sigma,
      eta: a.eta,
      gamma: a.gamma,
      epsilon: a.epsilon,
      lambda: a.lambda,
    };
    const err = acParamError(p);
    if (err) throw new InputError('bad-parameter', err);
    const s = almgrenChriss(p);
    if (a.json) {
      process.stdout.write(`${JSON.stringify(s)}\n`);
      return;
    }
    process.stdout.write(`kappa ${s.kappa}\nexpected cost ${s.expectedCost}\nvariance ${s.variance}\n`);
    for (const [j, x] of s.holdings.entries()) {
      process.stdout.write(`x_${j} ${x}${j > 0 ? `  n_${j} ${s.trades[j - 1]}` : ''}\n`);
    }
  },
};
