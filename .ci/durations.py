#!/usr/bin/env python3
# Sums a trx file's test durations per test class: which classes make the suite slow. Usage: durations.py FILE.trx…
import sys,re,collections
import xml.etree.ElementTree as ET
ns={'t':'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
for f in sys.argv[1:]:
    r=ET.parse(f).getroot()
    defs={}
    for d in r.iterfind('.//t:UnitTest',ns):
        tm=d.find('t:TestMethod',ns)
        defs[d.get('id')]=tm.get('className')
    per=collections.Counter(); cnt=collections.Counter(); start={}; end={}
    tot=0
    def p(s):
        import datetime
        return datetime.datetime.fromisoformat(s[:26]+s[-6:]) if '.' in s else datetime.datetime.fromisoformat(s)
    for u in r.iterfind('.//t:UnitTestResult',ns):
        d=u.get('duration','00:00:00'); h,m,s=d.split(':'); sec=int(h)*3600+int(m)*60+float(s)
        c=defs.get(u.get('testId'),'?'); per[c]+=sec; cnt[c]+=1; tot+=sec
        st=u.get('startTime'); en=u.get('endTime')
        try:
            a=p(st); b=p(en)
            start[c]=min(start.get(c,a),a); end[c]=max(end.get(c,b),b)
        except Exception as e: pass
    times=r.find('t:Times',ns)
    print(f, 'sum of test durations', round(tot), 's; run', times.get('start'), times.get('finish'))
    span={c:(end[c]-start[c]).total_seconds() for c in start}
    print('top classes by span (first start to last end), span s / sum s / tests')
    for c,v in sorted(span.items(), key=lambda x:-x[1])[:40]:
        print(f'{v:8.1f} {per[c]:8.1f} {cnt[c]:4d} {c}')
    # group by area
    area=collections.Counter()
    for c,v in span.items(): area[c.split('.')[2] if c.count('.')>2 else c]+=v
    print(area.most_common(30))
