/**
 * One-feature logistic regression, p = σ(intercept + slope · x), fitted by Newton's method. It serves Platt
 * calibration and the protocol's "recency only" reference row. The objective is scikit-learn's
 * LogisticRegression default: Σ log-loss + ½ · l2 · slope² (l2 = 1/C with C = 1; the intercept is not penalised).
 */
export interface LogisticFit { intercept: number; slope: number }

export function fitLogistic(x: ArrayLike<number>, y: ArrayLike<number>, l2 = 1): LogisticFit {
  let intercept = 0;
  let slope = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradientIntercept = 0;
    let gradientSlope = l2 * slope;
    let hessianII = 0;
    let hessianIS = 0;
    let hessianSS = l2;
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(intercept + slope * x[i]);
      const residual = p - y[i];
      const curvature = Math.max(p * (1 - p), 1e-12);
      gradientIntercept += residual;
      gradientSlope += residual * x[i];
      hessianII += curvature;
      hessianIS += curvature * x[i];
      hessianSS += curvature * x[i] * x[i];
    }
    const determinant = hessianII * hessianSS - hessianIS * hessianIS;
    if (!(Math.abs(determinant) > 1e-300)) break;
    const stepIntercept = (hessianSS * gradientIntercept - hessianIS * gradientSlope) / determinant;
    const stepSlope = (hessianII * gradientSlope - hessianIS * gradientIntercept) / determinant;
    intercept -= stepIntercept;
    slope -= stepSlope;
    if (Math.abs(stepIntercept) + Math.abs(stepSlope) < 1e-10) break;
  }
  return { intercept, slope };
}

export function predictLogistic(fit: LogisticFit, x: number): number {
  return sigmoid(fit.intercept + fit.slope * x);
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
