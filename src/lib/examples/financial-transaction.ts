import type { Example } from './types.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const task = (name: string) => ({ Type: 'Task', Resource: arn(name), End: true });

/** The seed article's fintech checks, with a flaky service that a Retry rescues. */
export const financialTransaction: Example = {
	id: 'financial-transaction',
	title: 'Financial transaction (Retry + Catch)',
	summary:
		'Fraud, ledger, compliance and notification run in parallel; the fraud service fails on its first call and a Retry with backoff succeeds a second later, while a Catch would send anything worse to manual review.',
	definition: JSON.stringify(
		{
			Comment:
				'Check and record a payment in parallel; retry a flaky fraud service, send failures to manual review.',
			StartAt: 'ProcessTransaction',
			States: {
				ProcessTransaction: {
					Type: 'Parallel',
					Branches: [
						{
							StartAt: 'FraudCheck',
							States: {
								FraudCheck: {
									Type: 'Task',
									Resource: arn('fraud-check'),
									Parameters: { 'transaction.$': '$', 'attempt.$': '$$.State.RetryCount' },
									Retry: [
										{
											ErrorEquals: ['ServiceUnavailable'],
											IntervalSeconds: 1,
											BackoffRate: 2,
											MaxAttempts: 3,
											JitterStrategy: 'NONE'
										}
									],
									End: true
								}
							}
						},
						{ StartAt: 'LogTransaction', States: { LogTransaction: task('log-transaction') } },
						{ StartAt: 'ComplianceCheck', States: { ComplianceCheck: task('compliance-check') } },
						{ StartAt: 'NotifyCustomer', States: { NotifyCustomer: task('notify-customer') } }
					],
					ResultSelector: {
						'fraud.$': '$[0]',
						'ledger.$': '$[1]',
						'compliance.$': '$[2]',
						'notification.$': '$[3]'
					},
					ResultPath: '$.checks',
					Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ManualReview' }],
					Next: 'SettleTransaction'
				},
				SettleTransaction: {
					Type: 'Pass',
					Parameters: {
						'transactionId.$': '$.transactionId',
						status: 'SETTLED',
						'riskScore.$': '$.checks.fraud.riskScore',
						'fraudCheckAttempts.$': '$.checks.fraud.attempts',
						'ledgerEntryId.$': '$.checks.ledger.ledgerEntryId'
					},
					End: true
				},
				ManualReview: {
					Type: 'Task',
					Resource: arn('queue-manual-review'),
					Parameters: { 'transactionId.$': '$.transactionId', 'error.$': '$.error' },
					End: true
				}
			}
		},
		null,
		2
	),
	input: JSON.stringify(
		{
			transactionId: 'TX-88213',
			accountId: 'ACC-5521',
			amount: 2450,
			currency: 'EUR',
			counterparty: { name: 'Northwind Traders', country: 'DE', iban: 'DE89370400440532013000' },
			customer: { phone: '+44 7700 900123' }
		},
		null,
		2
	),
	handlers: {
		'fraud-check': `class ServiceUnavailable extends Error {
  name = 'ServiceUnavailable';
}

// The scoring service fails on the first call (attempt 0) and works on a retry.
export const handler = async ({ transaction, attempt }) => {
  console.log(\`Scoring \${transaction.transactionId}, attempt \${attempt + 1}\`);
  if (attempt === 0) throw new ServiceUnavailable('Fraud scoring is warming up (HTTP 503)');
  const { amount, counterparty } = transaction;
  const riskScore = Math.min(99, Math.round(amount / 200) + (counterparty.country === 'DE' ? 5 : 30));
  return { riskScore, decision: riskScore < 70 ? 'APPROVE' : 'REVIEW', attempts: attempt + 1 };
};
`,
		'log-transaction': `export const handler = async (tx) => {
  const entry = \`\${tx.accountId} -\${tx.amount.toFixed(2)} \${tx.currency} → \${tx.counterparty.iban}\`;
  console.log(\`Ledger: \${entry}\`);
  return { ledgerEntryId: \`LE-\${tx.transactionId}\`, entry };
};
`,
		'compliance-check': `const SANCTIONED_COUNTRIES = ['KP', 'IR', 'SY'];
const REPORTING_THRESHOLD = 10000;

class ComplianceViolation extends Error {
  name = 'ComplianceViolation';
}

export const handler = async ({ amount, counterparty }) => {
  console.log(\`Screening \${counterparty.name} (\${counterparty.country})\`);
  if (SANCTIONED_COUNTRIES.includes(counterparty.country)) {
    throw new ComplianceViolation(\`\${counterparty.name} is in a sanctioned country\`);
  }
  return { sanctionsHit: false, reportRequired: amount >= REPORTING_THRESHOLD };
};
`,
		'notify-customer': `export const handler = async ({ transactionId, amount, currency, counterparty, customer }) => {
  const text = \`You sent \${amount.toFixed(2)} \${currency} to \${counterparty.name}.\`;
  console.log(\`SMS to \${customer.phone}: \${text}\`);
  return { channel: 'SMS', messageId: \`sms-\${transactionId}\`, text };
};
`,
		'queue-manual-review': `export const handler = async ({ transactionId, error }) => {
  console.log(\`Queueing \${transactionId} for review after \${error.Error}\`);
  return { transactionId, status: 'PENDING_REVIEW', queue: 'payments-review', reason: error.Error };
};
`
	},
	latency: {
		byState: {
			FraudCheck: 700,
			LogTransaction: 300,
			ComplianceCheck: 1800,
			NotifyCustomer: 500,
			ManualReview: 200
		}
	}
};
