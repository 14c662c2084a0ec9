import type { Example } from './types.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const task = (name: string) => ({ Type: 'Task', Resource: arn(name), End: true });

/** The seed article's order flow: four independent steps at once, with a Catch for a failed branch. */
export const ecommerceOrder: Example = {
	id: 'ecommerce-order',
	title: 'E-commerce order (Parallel + Catch)',
	summary:
		'Payment, inventory, email and shipping run in parallel; if any branch fails (try a quantity above the stock), the Catch cancels the order and tells the customer.',
	definition: JSON.stringify(
		{
			Comment:
				'Process an order: four independent steps at once; a failed branch cancels the order.',
			StartAt: 'OrderReceived',
			States: {
				OrderReceived: {
					Type: 'Pass',
					Parameters: { status: 'RECEIVED', 'receivedAt.$': '$$.Execution.StartTime' },
					ResultPath: '$.tracking',
					Next: 'ProcessOrder'
				},
				ProcessOrder: {
					Type: 'Parallel',
					Branches: [
						{ StartAt: 'ChargePayment', States: { ChargePayment: task('charge-payment') } },
						{
							StartAt: 'ReserveInventory',
							States: { ReserveInventory: task('reserve-inventory') }
						},
						{
							StartAt: 'SendConfirmationEmail',
							States: { SendConfirmationEmail: task('send-confirmation-email') }
						},
						{ StartAt: 'NotifyShipping', States: { NotifyShipping: task('notify-shipping') } }
					],
					ResultSelector: {
						'payment.$': '$[0]',
						'inventory.$': '$[1]',
						'email.$': '$[2]',
						'shipping.$': '$[3]'
					},
					ResultPath: '$.results',
					Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'CancelOrder' }],
					Next: 'CompleteOrder'
				},
				CompleteOrder: {
					Type: 'Pass',
					Parameters: {
						'orderId.$': '$.orderId',
						status: 'COMPLETED',
						'transactionId.$': '$.results.payment.transactionId',
						'confirmationMessageId.$': '$.results.email.messageId',
						'trackingNumber.$': '$.results.shipping.trackingNumber'
					},
					End: true
				},
				CancelOrder: {
					Type: 'Task',
					Resource: arn('cancel-order'),
					Next: 'OrderCancelled'
				},
				OrderCancelled: { Type: 'Fail', Error: 'OrderCancelled', CausePath: '$.reason' }
			}
		},
		null,
		2
	),
	input: JSON.stringify(
		{
			orderId: 'ORD-1042',
			customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
			items: [
				{ sku: 'KEYBOARD-01', quantity: 1, price: 89 },
				{ sku: 'MOUSE-02', quantity: 2, price: 24.5 }
			],
			shippingAddress: { city: 'London', postcode: 'N1 9GU' }
		},
		null,
		2
	),
	handlers: {
		'charge-payment': `export const handler = async (order) => {
  const amount = order.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
  console.log(\`Charging \${order.customer.email} \${amount.toFixed(2)} USD\`);
  return {
    transactionId: \`txn_\${order.orderId.toLowerCase().replace('-', '_')}\`,
    amount,
    currency: 'USD',
    status: 'CAPTURED'
  };
};
`,
		'reserve-inventory': `// A pretend stock table; a real handler would read DynamoDB.
const STOCK = { 'KEYBOARD-01': 12, 'MOUSE-02': 3, 'MONITOR-27': 0 };

class OutOfStockError extends Error { name = 'OutOfStockError'; }

export const handler = async (order) => {
  for (const { sku, quantity } of order.items) {
    const inStock = STOCK[sku] ?? 0;
    if (quantity > inStock) {
      throw new OutOfStockError(\`\${sku}: \${quantity} ordered, \${inStock} in stock\`);
    }
  }
  console.log(\`Reserved \${order.items.length} lines for \${order.orderId}\`);
  return { reservationId: \`res-\${order.orderId}\`, skus: order.items.map((item) => item.sku) };
};
`,
		'send-confirmation-email': `export const handler = async (order) => {
  const subject = \`Your order \${order.orderId} is confirmed\`;
  console.log(\`Emailing \${order.customer.email}: \${subject}\`);
  return { messageId: \`msg-\${order.orderId}-confirmation\`, to: order.customer.email, subject };
};
`,
		'notify-shipping': `export const handler = async (order) => {
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  console.log(\`Booking a pickup of \${units} units to \${order.shippingAddress.city}\`);
  return {
    carrier: 'ACME Freight',
    trackingNumber: \`1Z\${order.orderId.replace(/\\D/g, '').padStart(8, '0')}\`,
    units
  };
};
`,
		'cancel-order': `// A thrown error's Cause is JSON text ({ errorMessage, errorType, ... }); a timeout's is plain.
export const handler = async ({ orderId, customer, error }) => {
  const cause = error.Cause ?? '';
  const message = cause.startsWith('{') ? JSON.parse(cause).errorMessage : cause;
  console.log(\`Cancelling \${orderId} (\${error.Error}): voiding any charge, emailing \${customer.email}\`);
  return {
    orderId,
    status: 'CANCELLED',
    notified: customer.email,
    reason: \`\${error.Error}: \${message}\`
  };
};
`
	},
	latency: {
		byState: {
			ChargePayment: 1200,
			ReserveInventory: 800,
			SendConfirmationEmail: 500,
			NotifyShipping: 1500,
			CancelOrder: 300
		}
	}
};
