// The test-time eMRTD PKI is the specimen tool's (the virtual card signs its chips with it).
export * from '../../../electron/specimens/virtual-card/specimen-pki';
