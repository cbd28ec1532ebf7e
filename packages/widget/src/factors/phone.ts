import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { textField } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { WidgetContext } from '../views/types.js';

/** Country calling codes (ITU-T E.164) by region code, written `US1`. Names come from `Intl.DisplayNames`. */
const COUNTRIES = new Map(
  'US1 CA1 GB44 IE353 AU61 NZ64 DE49 FR33 ES34 IT39 PT351 NL31 BE32 LU352 CH41 AT43 DK45 SE46 NO47 FI358 IS354 PL48 CZ420 SK421 HU36 RO40 BG359 GR30 CY357 MT356 SI386 HR385 RS381 BA387 ME382 MK389 AL355 XK383 EE372 LV371 LT370 UA380 BY375 MD373 RU7 KZ7 GE995 AM374 AZ994 TR90 IL972 PS970 JO962 LB961 SY963 IQ964 IR98 SA966 AE971 QA974 BH973 KW965 OM968 YE967 EG20 MA212 DZ213 TN216 LY218 SD249 SS211 ET251 ER291 DJ253 SO252 KE254 UG256 TZ255 RW250 BI257 CD243 CG242 GA241 CM237 CF236 TD235 NE227 NG234 BJ229 TG228 GH233 CI225 BF226 ML223 SN221 GM220 GW245 GN224 SL232 LR231 MR222 CV238 ST239 GQ240 AO244 ZM260 ZW263 MW265 MZ258 MG261 MU230 SC248 KM269 RE262 NA264 BW267 ZA27 LS266 SZ268 IN91 PK92 BD880 LK94 NP977 BT975 MV960 AF93 CN86 HK852 MO853 TW886 JP81 KR82 MN976 VN84 TH66 MY60 SG65 ID62 PH63 KH855 LA856 MM95 BN673 TL670 PG675 FJ679 SB677 VU678 NC687 PF689 WS685 TO676 KI686 MX52 GT502 BZ501 SV503 HN504 NI505 CR506 PA507 CU53 DO1 HT509 JM1 TT1 BS1 BB1 PR1 CO57 VE58 EC593 PE51 BO591 BR55 PY595 UY598 AR54 CL56 GY592 SR597 UZ998 TM993 TJ992 KG996 AD376 MC377 SM378 LI423 GL299 FO298 GI350'
    .split(' ')
    .map((entry) => [entry.slice(0, 2), entry.slice(2)] as const),
);

const COUNTRY_KEY = 'phone:country';
const sorted = new Map<string, { region: string; code: string; name: string }[]>();

/** The countries sorted by their name in `lang`. */
function countries(lang: string) {
  let list = sorted.get(lang);
  if (!list) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
    } catch {
      // An invalid lang tag: region codes.
    }
    list = [...COUNTRIES].map(([region, code]) => ({ region, code, name: names?.of(region) ?? region })).sort((a, b) => a.name.localeCompare(b.name, lang));
    sorted.set(lang, list);
  }
  return list;
}

/** The preselected country: the last one chosen, else the region of the page language, else the US. */
function defaultRegion(ctx: WidgetContext): string {
  const chosen = ctx.memory.get(COUNTRY_KEY);
  if (typeof chosen === 'string') return chosen;
  try {
    const region = new Intl.Locale(ctx.lang).maximize().region;
    if (region && COUNTRIES.has(region)) return region;
  } catch {
    // An invalid lang tag: fall back to the US.
  }
  return 'US';
}

/** Country select (`autocomplete="country"`), national number (`tel-national`) and, when asked, an extension. */
export function phoneFields(ctx: WidgetContext, options: { extension?: boolean; focus?: boolean } = {}): TemplateResult {
  const id = ctx.uid('field-countryCode');
  const selected = defaultRegion(ctx);
  const change = (event: Event): void => {
    ctx.memory.set(COUNTRY_KEY, (event.target as HTMLSelectElement).value);
  };
  return html`<div class="field" part="field">
      <label part="label" for=${id}>${ctx.msg('factor.phone.country')}</label>
      <select part="input" id=${id} name="countryCode" autocomplete="country" @change=${change}>
        ${countries(ctx.lang).map(({ region, code, name }) => html`<option value=${region} ?selected=${region === selected}>${name} (+${code})</option>`)}
      </select>
    </div>
    ${textField(ctx, { name: 'phoneNumber', label: ctx.msg('factor.phone.number'), type: 'tel', autocomplete: 'tel-national', inputmode: 'tel', focus: options.focus ?? true })}
    ${options.extension ? textField(ctx, { name: 'phoneExtension', label: ctx.msg('factor.phone.extension'), autocomplete: 'tel-extension', inputmode: 'numeric', maxlength: 15, required: false }) : html``}`;
}

/**
 * The E.164 number of the form (`+` country code + national number without its trunk `0`),
 * or, after showing the error on the number field, `undefined`. A number typed with `+` wins over the select.
 */
export function phoneNumberOf(ctx: WidgetContext, values: FormValues): string | undefined {
  const typed = values.text('phoneNumber').trim();
  const region = values.text('countryCode');
  const digits = typed.replace(/\D/g, '');
  if (!digits) {
    ctx.fail('factor.phone.required', 'phoneNumber');
    return undefined;
  }
  const code = COUNTRIES.get(region) ?? '1';
  const full = typed.startsWith('+') ? digits : `${code}${region === 'IT' ? digits : digits.replace(/^0/, '')}`;
  if (full.length < 4 || full.length > 15) {
    ctx.fail('factor.phone.invalid', 'phoneNumber');
    return undefined;
  }
  return `+${full}`;
}
