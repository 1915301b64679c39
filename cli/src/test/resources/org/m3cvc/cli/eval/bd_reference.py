# Independent BD-rate reference: numpy/scipy, as in the classic VCEG-M33 script and the bjontegaard package.
import numpy as np
from scipy.interpolate import PchipInterpolator
def bd(r1,q1,r2,q2,method):
    l1,l2=np.log10(r1),np.log10(r2)
    lo=max(min(q1),min(q2)); hi=min(max(q1),max(q2))
    if method=='cubic':
        p1=np.polyint(np.polyfit(q1,l1,3)); p2=np.polyint(np.polyfit(q2,l2,3))
        i1=np.polyval(p1,hi)-np.polyval(p1,lo); i2=np.polyval(p2,hi)-np.polyval(p2,lo)
    else:
        o1=np.argsort(q1); o2=np.argsort(q2)
        i1=PchipInterpolator(np.array(q1)[o1],l1[o1]).integrate(lo,hi)
        i2=PchipInterpolator(np.array(q2)[o2],l2[o2]).integrate(lo,hi)
    return (10**((i2-i1)/(hi-lo))-1)*100
A=([0.01,0.02,0.04,0.08],[30.1,32.9,35.2,37.0])
T=([0.008,0.015,0.033,0.07],[30.5,33.4,35.9,37.8])
print(repr(bd(*A,*T,'pchip')), repr(bd(*A,*T,'cubic')))
# MS-SSIM-like, 5 points, overlap on part of the range
A2=([0.004,0.007,0.012,0.02,0.035],[0.61,0.70,0.78,0.84,0.89])
T2=([0.002,0.003,0.006,0.011],[0.55,0.66,0.74,0.80])
print(repr(bd(*A2,*T2,'pchip')), repr(bd(*A2,*T2,'cubic')))
# 3 points (pchip edge cases)
A3=([1.0,2.0,8.0],[10.0,20.0,22.0]); T3=([1.5,3.0,5.0],[12.0,19.0,21.0])
print(repr(bd(*A3,*T3,'pchip')))
