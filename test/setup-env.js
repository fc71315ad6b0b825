// Runs in every test worker before the tests: quiet kafkajs' partitioner notice.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
