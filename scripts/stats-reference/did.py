# Independent reference for Wilson, Newcombe (method 10) and the MOVER difference in differences.
from math import sqrt
from scipy.stats import norm
z = norm.ppf(0.975)
def wilson(x, n):
    p = x/n; c = 2*x + z*z; s = z*sqrt(z*z + 4*x*(1-p)); d = 2*(n + z*z)
    return (c-s)/d, (c+s)/d
def newcombe(x1, n1, x2, n2):
    p1, p2 = x1/n1, x2/n2; l1, u1 = wilson(x1, n1); l2, u2 = wilson(x2, n2); d = p2-p1
    return d, d - sqrt((p2-l2)**2 + (u1-p1)**2), d + sqrt((u2-p2)**2 + (p1-l1)**2)
def mover(a, b):
    d1, l1, u1 = a; d2, l2, u2 = b; D = d1-d2
    return D, D - sqrt((d1-l1)**2 + (u2-d2)**2), D + sqrt((u1-d1)**2 + (d2-l2)**2)
# partner: 59.0% of 1712 -> 65.0% of 1675 (VCKC, seed 002), as fractional counts like the app
a = newcombe(0.59*1712, 1712, 0.65*1675, 1675)
# comparator fixture: 1,000 of 20,000 ... use 55.0% of 40000 -> 56.2% of 41000
b = newcombe(0.55*40000, 40000, 0.562*41000, 41000)
D = mover(a, b)
print("partner pp", [round(v*100, 6) for v in a])
print("comparator pp", [round(v*100, 6) for v in b])
print("did pp", [round(v*100, 6) for v in D])
