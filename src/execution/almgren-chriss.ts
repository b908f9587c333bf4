/**
 * Almgren–Chriss optimal execution (Almgren & Chriss, "Optimal execution of portfolio transactions",
 * 2000), discrete time. Units as in the paper: X shares over horizon T in N periods of τ = T/N; σ
 * per √time-unit; η (temporary) and γ (permanent) impact per share; ε fixed cost per share; λ risk
 * aversion.
 */
export interface AcParams {
  shares: number;
  horizon: number;
  periods: number;
  sigma: number;
  eta: number;
  gamma: number;
  epsilon: number;
  lambda: number;
}

export interface AcSolution {
  kappa: number;
  /** x_0 … x_N: holdings at the start of each period, x_0 = X, x_N = 0. */
  holdings: number[];
  /** n_1 … n_N: shares sold in each period. */
  trades: number[];
  expectedCost: number;
  variance: number;
}

export function acParamError(p: AcParams): string | undefined {
  if (!(p.shares > 0)) return 'shares must be positive';
  if (!(p.horizon > 0)) return 'horizon must be positive';
  if (!Number.isInteger(p.periods) || p.periods < 1) return 'periods must be a whole number ≥ 1';
  if (!(p.sigma >= 0) || !(p.gamma >= 0) || !(p.epsilon >= 0) || !(p.lambda >= 0)) {
    return 'sigma, gamma, epsilon and lambda must be ≥ 0';
  }
  const tau = p.horizon / p.periods;
  if (!(p.eta - (p.gamma * tau) / 2 > 0))
    return 'eta − gamma·tau/2 must be positive (temporary impact dominates)';
  return undefined;
}

export function almgrenChriss(p: AcParams): AcSolution {
  const err = acParamError(p);
  if (err) throw new RangeError(err);
  const { shares: X, horizon: T, periods: N, sigma, eta, gamma, epsilon, lambda } = p;
  const tau = T / N;
  const etaTilde = eta - (gamma * tau) / 2;
  const kappaTilde2 = (lambda * sigma * sigma) / etaTilde;
  // (2/τ²)(cosh κτ − 1) = κ̃²  ⇒  κ = acosh(1 + κ̃²τ²/2) / τ
  const kappa = Math.acosh(1 + (kappaTilde2 * tau * tau) / 2) / tau;
  const holdings: number[] = [];
  for (let j = 0; j <= N; j++) {
    const t = j * tau;
    holdings.push(kappa === 0 ? (X * (N - j)) / N : (X * Math.sinh(kappa * (T - t))) / Math.sinh(kappa * T));
  }
  holdings[0] = X;
  holdings[N] = 0;
  const trades = holdings.slice(1).map((x, j) => holdings[j] - x);
  const expectedCost =
    0.5 * gamma * X * X +
    epsilon * trades.reduce((s, n) => s + Math.abs(n), 0) +
    (etaTilde / tau) * trades.reduce((s, n) => s + n * n, 0);
  const variance = sigma * sigma * tau * holdings.slice(1).reduce((s, x) => s + x * x, 0);
  return { kappa, holdings, trades, expectedCost, variance };
}
