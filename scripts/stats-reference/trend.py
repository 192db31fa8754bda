# Independent reference values for the chi-squared test for trend in proportions.
# Two routes: (a) R's prop.trend.test definition, anova(lm(freq ~ score, weights = n/p/(1-p)))["score","Sum Sq"],
# done here as weighted least squares with numpy; (b) the closed form in Fingertips' TrendMarkerCalculator.
import numpy as np
from scipy import stats

def wls_route(x, n, score=None):
    x = np.asarray(x, float); n = np.asarray(n, float)
    s = np.arange(1, len(x)+1, dtype=float) if score is None else np.asarray(score, float)
    freq = x/n; p = x.sum()/n.sum(); w = n/p/(1-p)
    # Sequential SS for score in a weighted regression with intercept = weighted SS explained by score.
    sw = np.sqrt(w)
    X0 = sw[:, None]                                  # intercept only
    X1 = np.column_stack([sw, sw*s])                  # intercept + score
    y = sw*freq
    rss0 = np.linalg.lstsq(X0, y, rcond=None)[1][0]
    rss1 = ((y - X1 @ np.linalg.lstsq(X1, y, rcond=None)[0])**2).sum()
    return rss0 - rss1

def closed_form(x, n):
    x = np.asarray(x, float); n = np.asarray(n, float); t = np.arange(1, len(x)+1, dtype=float)
    N = n.sum(); X = x.sum()
    num = N * (N*(x*t).sum() - X*(n*t).sum())**2
    den = X*(N-X)*(N*(n*t*t).sum() - (n*t).sum()**2)
    return num/den

def logit_slope(x, n, t=None):
    x = np.asarray(x, float); n = np.asarray(n, float)
    t = np.arange(1, len(x)+1, dtype=float) if t is None else np.asarray(t, float)
    y = np.log(x/(n-x))
    return np.polyfit(t, y, 1)[0]

def marker(x, n):
    x = x[-5:]; n = n[-5:]
    chi = closed_form(x, n)
    t = np.arange(1, 6, dtype=float)
    b = logit_slope(x, n, t)
    subs = [logit_slope(np.delete(x, j), np.delete(n, j), np.delete(t, j)) for j in range(5)]
    if chi > 9.5495:
        if any(np.sign(s) != np.sign(b) for s in subs): return chi, b, subs, "no significant change (outlier)"
        return chi, b, subs, "increasing" if b > 0 else "decreasing"
    return chi, b, subs, "no significant change"

cases = {
  "R help smokers/patients": ([83, 90, 129, 70], [86, 93, 136, 82]),
  "Rosner age at first birth": ([320, 1206, 1011, 463, 220], [1742, 5638, 3904, 1555, 626]),
  "rising 6": ([500, 520, 540, 575, 600, 640], [1000, 1000, 1010, 1005, 1000, 1002]),
  "falling 6": ([700, 690, 660, 640, 610, 590], [1000, 1000, 1000, 1000, 1000, 1000]),
  "flat 6": ([300, 305, 298, 302, 299, 303], [500, 500, 500, 500, 500, 500]),
  "outlier 6": ([400, 400, 400, 400, 400, 700], [1000, 1000, 1000, 1000, 1000, 1000]),
}
for name, (x, n) in cases.items():
    a = wls_route(x, n); b = closed_form(x, n)
    print(f"{name}: wls={a:.10f} closed={b:.10f} p={stats.chi2.sf(a,1):.6g}")
    if len(x) >= 5:
        chi, sl, subs, m = marker(np.array(x, float), np.array(n, float))
        print(f"   latest5 chi2={chi:.10f} slope={sl:.10f} subs={[round(s,6) for s in subs]} -> {m}")
print("critical 99.8%:", stats.chi2.ppf(0.998, 1))
print("---")
for name,(x,n) in {"outlier2": ([420,410,400,390,380,700],[1000]*6)}.items():
    chi, sl, subs, m = marker(np.array(x,float), np.array(n,float))
    print(name, f"chi2={chi:.10f} slope={sl:.10f}", [round(s,6) for s in subs], m)
