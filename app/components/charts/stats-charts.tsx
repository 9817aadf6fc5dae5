import { useEffect, useState, type ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Recharts measures the DOM, so charts render in the browser only; the tables carry the same figures. */
function ClientOnly({ children, height }: { children: ReactNode; height: number }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <div style={{ height }}>{mounted ? children : null}</div>;
}

export function ParticipationChart({
  units,
  label,
}: {
  units: { name: string; participationRate: number | null; denominator: number | null }[];
  label: string;
}) {
  const data = units.map((u) => ({
    name: u.name.replace("Tổ dân phố ", "TDP "),
    rate: u.participationRate === null ? 0 : Math.round(u.participationRate * 1000) / 10,
    denominator: u.denominator ?? "—",
  }));
  return (
    <figure aria-label={label} data-testid="participation-chart">
      <ClientOnly height={Math.max(260, data.length * 22)}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" unit="%" />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 13 }} interval={0} />
            <Tooltip
              formatter={(v, _n, p) => [`${v}% (mẫu số ${p.payload.denominator})`, "Tỷ lệ tham gia"]}
            />
            <Bar dataKey="rate" fill="#0b5cad" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ClientOnly>
      <figcaption className="text-base text-slate-700">{label}</figcaption>
    </figure>
  );
}

export function EntriesOverTime({
  days,
  label,
}: {
  days: { day: string; entries: number }[];
  label: string;
}) {
  const data = days.map((d) => ({ day: d.day.slice(8, 10) + "/" + d.day.slice(5, 7), entries: d.entries }));
  return (
    <figure aria-label={label}>
      <ClientOnly height={240}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 13 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Line
              type="monotone"
              dataKey="entries"
              name="Bài dự thi"
              stroke="#0b5cad"
              strokeWidth={3}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ClientOnly>
      <figcaption className="text-base text-slate-700">{label}</figcaption>
    </figure>
  );
}

export function Histogram({
  data,
  xKey,
  label,
}: {
  data: { entries: number; [k: string]: number | string }[];
  xKey: string;
  label: string;
}) {
  return (
    <figure aria-label={label}>
      <ClientOnly height={240}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey={xKey} tick={{ fontSize: 13 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="entries" name="Bài dự thi" fill="#084a8c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ClientOnly>
      <figcaption className="text-base text-slate-700">{label}</figcaption>
    </figure>
  );
}

/** A season's participants and entries round by round. */
export function RoundsChart({
  rounds,
  label,
  roundName,
  series,
}: {
  rounds: { roundNo: number; participants: number; entries: number }[];
  label: string;
  roundName: (n: number) => string;
  series: { participants: string; entries: string };
}) {
  const data = rounds.map((r) => ({
    name: roundName(r.roundNo),
    participants: r.participants,
    entries: r.entries,
  }));
  return (
    <figure aria-label={label} data-testid="rounds-chart">
      <ClientOnly height={260}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="participants" name={series.participants} fill="#0b5cad" isAnimationActive={false} />
            <Bar dataKey="entries" name={series.entries} fill="#7aa7d6" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ClientOnly>
      <figcaption className="text-base text-slate-700">{label}</figcaption>
    </figure>
  );
}
